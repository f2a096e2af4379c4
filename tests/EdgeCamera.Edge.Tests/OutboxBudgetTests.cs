using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.TestKit;
using LiteDB;

namespace EdgeCamera.Edge.Tests;

/// <summary>The outbox's disk budget and full-disk policy (cloud-sync/docs/evidence-package.md, "Outbox disk budget").</summary>
public sealed class OutboxBudgetTests : IDisposable
{
    private const string DeviceId = "cam-budget-01";
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-budget-").FullName;
    private readonly TestDevice _device = new(DeviceId);

    private string DbPath => Path.Combine(_dir, "outbox.db");

    [Fact]
    public void The_oldest_plain_reads_are_evicted_first_violations_stay_and_each_eviction_is_a_signed_notice_that_keeps_the_chain_whole()
    {
        var packageBytes = SealedSize(Read());
        var noticeBytes = EvictionNotice.FromPackage(Sealed(Read())).Length;
        // Room for four packages and two notices: the fifth and sixth evict the two oldest plain reads.
        var limits = new OutboxLimits((4 * packageBytes) + (2 * noticeBytes) + 100, "READ");
        using var outbox = new LiteDbOutbox(DbPath, _device.Key, limits);
        var drafts = new[] { Read(), Violation(), Read(), Read(), Violation(), Read() };
        var entries = drafts.Select(d => outbox.Add(d, DateTime.UtcNow)).ToList();

        Assert.Equal(2, outbox.Evictions);
        Assert.True(outbox.StoredBytes <= limits.MaxBytes, $"{outbox.StoredBytes} > {limits.MaxBytes}");
        Assert.False(outbox.OverBudget);
        Assert.Equal([2L, 4L, 5L, 6L], outbox.Pending(10).Select(e => e.Sequence));
        Assert.True(outbox.TryFindEvicted(1, out var first));
        Assert.True(outbox.TryFindEvicted(3, out var second));
        Assert.False(outbox.TryFindEvicted(2, out _));
        Assert.Equal(2, outbox.UnannouncedEvictions(10).Count);

        // The notices carry the evicted packages' signed manifests: the chain verifies end to end, no gap.
        var notices = new[] { first, second }.Select(n => EvictionNotice.Verify(n.Notice, _device.Key, DeviceId)).ToList();
        Assert.All(notices, n => Assert.True(n.Ok, n.Reason));
        Assert.Equal([entries[0].EventId, entries[2].EventId], notices.Select(n => n.Manifest!.EventId));
        var kept = outbox.Pending(10).Select(e => EvidenceVerifier.Verify(e.Payload, _device.Key, DeviceId));
        var chain = ChainVerifier.Check(notices.Concat(kept));
        Assert.True(chain.Ok, string.Join("; ", chain.Problems));
        Assert.Empty(chain.Gaps);
        Assert.Equal(5, chain.GoodLinks);

        // A notice is not a package: the cloud's package check refuses it (no images).
        Assert.False(EvidenceVerifier.Verify(first.Notice, _device.Key, DeviceId).Ok);
    }

    [Fact]
    public void Violations_are_never_evicted_over_budget_they_are_still_stored_and_the_alarm_clears_when_the_cloud_takes_them()
    {
        var packageBytes = SealedSize(Violation());
        var limits = new OutboxLimits(2 * packageBytes + (packageBytes / 2), "READ");
        using (var outbox = new LiteDbOutbox(DbPath, _device.Key, limits))
        {
            var ids = Enumerable.Range(0, 4).Select(_ => outbox.Add(Violation(), DateTime.UtcNow).EventId).ToList();

            Assert.Equal(4, outbox.Count());
            Assert.Equal(0, outbox.Evictions);
            Assert.True(outbox.OverBudget);

            // A plain read arriving now is stored too (the disk has room); it is the first to go once there is pressure.
            outbox.Add(Read(), DateTime.UtcNow);
            Assert.Equal(5, outbox.Count());
            outbox.Add(Violation(), DateTime.UtcNow);
            Assert.Equal(1, outbox.Evictions);
            Assert.All(outbox.Pending(10), e => Assert.False(e.IsPlainRead));

            foreach (var id in ids)
            {
                Assert.True(outbox.Acknowledge(id));
            }

            Assert.False(outbox.OverBudget);
        }

        // Stored bytes are counted again from the database after a restart.
        using var reopened = new LiteDbOutbox(DbPath, _device.Key, limits);
        Assert.Equal(1, reopened.Count());
        Assert.False(reopened.OverBudget);
        Assert.True(reopened.StoredBytes > packageBytes, "one package and one eviction notice");
        Assert.Equal(1, reopened.CountEvictionRecords());
    }

    // Issue 6: the refused write leaves LiteDB a transaction it cannot end, whose finalizer used to kill the process
    // ("discarded page must be writable", CI 2026-11-26); the outbox now takes that finalizer off the queue (see
    // LiteDbOrphanedTransactions and the finalizer test below).
    [Fact]
    public void A_write_the_full_disk_refuses_is_counted_the_chain_does_not_advance_and_nothing_stored_before_is_lost()
    {
        var stored = new List<Guid>();
        var disk = new Disk();
        var files = new List<Stream>();

        using (var outbox = new LiteDbOutbox(() => OpenOn(disk, files), _device.Key))
        {
            stored.AddRange(Enumerable.Range(0, 3).Select(_ => outbox.Add(Violation(), DateTime.UtcNow).EventId));

            disk.Full = true;
            Assert.False(outbox.TryAdd(Violation(), DateTime.UtcNow, out _, out var error));
            Assert.Contains("NOT stored", error, StringComparison.Ordinal);
            Assert.Throws<IOException>(() => outbox.Add(Violation(), DateTime.UtcNow));
            Assert.Equal(2, outbox.WriteFailures);
            Assert.Equal(3, outbox.Chain.Sequence);
            Assert.Equal(stored, outbox.Pending(10).Select(e => e.EventId));
        }

        files.ForEach(f => f.Dispose());

        // After the failure, the database opens clean with every package accepted before, chained.
        using var reopened = new LiteDbOutbox(DbPath, _device.Key);
        Assert.Equal(stored, reopened.Pending(10).Select(e => e.EventId));
        Assert.Equal(3, reopened.Chain.Sequence);
        var next = reopened.Add(Violation(), DateTime.UtcNow);
        Assert.Equal(4, next.Sequence);
        var chain = ChainVerifier.Check(reopened.Pending(10).Select(e => EvidenceVerifier.Verify(e.Payload, _device.Key, DeviceId)));
        Assert.True(chain.Ok, string.Join("; ", chain.Problems));
    }

    [Fact]
    public void After_refused_writes_and_forced_finalization_the_process_lives_on_and_the_outbox_stores_again_once_the_disk_has_room()
    {
        const int RefusedWrites = 3;
        const int CollectionsPerWrite = 3;
        var disk = new Disk();
        var files = new List<Stream>();
        using var outbox = new LiteDbOutbox(() => OpenOn(disk, files), _device.Key);
        var stored = Enumerable.Range(0, 3).Select(_ => outbox.Add(Violation(), DateTime.UtcNow).EventId).ToList();

        disk.Full = true;
        for (var i = 0; i < RefusedWrites; i++)
        {
            // On a thread that then ends: LiteDB keeps its open transaction in a thread-local slot too, so it becomes
            // garbage (and its finalizer due) only once the writing thread is gone, as when a pool thread retires.
            var error = string.Empty;
            var refused = false;
            var writer = new Thread(() => refused = !outbox.TryAdd(Violation(), DateTime.UtcNow, out _, out error));
            writer.Start();
            writer.Join();
            Assert.True(refused);
            Assert.Contains("NOT stored", error, StringComparison.Ordinal);

            // Each refusal leaves a discarded LiteDB engine and the transaction it could not end: collect them and
            // run their finalizers now. LiteDB's transaction finalizer throwing here would end this test host.
            for (var gc = 0; gc < CollectionsPerWrite; gc++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
            }
        }

        Assert.Equal(RefusedWrites, outbox.WriteFailures);
        Assert.Equal(3, outbox.Chain.Sequence);

        disk.Full = false;
        var next = outbox.Add(Violation(), DateTime.UtcNow);
        Assert.Equal(4, next.Sequence);
        Assert.Equal([.. stored, next.EventId], outbox.Pending(10).Select(e => e.EventId));
        var chain = ChainVerifier.Check(outbox.Pending(10).Select(e => EvidenceVerifier.Verify(e.Payload, _device.Key, DeviceId)));
        Assert.True(chain.Ok, string.Join("; ", chain.Problems));
        Assert.Equal(RefusedWrites, outbox.WriteFailures);
        files.ForEach(f => f.Dispose());
    }

    public void Dispose()
    {
        _device.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The outbox's database and journal as files on <paramref name="disk"/>; the streams go to
    /// <paramref name="files"/> (LiteDB does not close streams it was given).</summary>
    private LiteDatabase OpenOn(Disk disk, List<Stream> files)
    {
        var data = new DiskFullStream(new FileStream(DbPath, FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
        var journal = new DiskFullStream(new FileStream(Path.Combine(_dir, "outbox-log.db"), FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
        files.AddRange([data, journal]);
        return new LiteDatabase(data, LiteDbOutbox.Mapper(), journal);
    }

    private static EvidenceDraft Read() => SampleEvidence.Create(DeviceId);

    private static EvidenceDraft Violation()
    {
        var read = SampleEvidence.Create(DeviceId);
        return read with { Manifest = read.Manifest with { Violation = new ViolationInfo("SPD", "Exceeding the speed limit") } };
    }

    private static long SealedSize(EvidenceDraft draft) => Sealed(draft).Length;

    private static byte[] Sealed(EvidenceDraft draft)
    {
        using var key = DeviceKey.Generate();
        return EvidenceSealer.Seal(draft, ChainLink.Genesis, key).WireBytes;
    }
}
