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

    // Known defect (issue 6): after the failed write LiteDB leaves an orphaned transaction whose finalizer later
    // throws "discarded page must be writable" and kills the process (seen in CI 2026-11-26, it took the whole test
    // host down). The outbox must dispose that transaction itself before this test may run again.
    [Fact(Skip = "LiteDB finalizer crash after a failed write: see the comment above (issue 6)")]
    public void A_write_the_full_disk_refuses_is_counted_the_chain_does_not_advance_and_nothing_stored_before_is_lost()
    {
        var stored = new List<Guid>();
        var disk = new Disk();
        var files = new List<Stream>();
        LiteDatabase Open()
        {
            var data = new DiskFullStream(new FileStream(DbPath, FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
            var journal = new DiskFullStream(new FileStream(Path.Combine(_dir, "outbox-log.db"), FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
            files.AddRange([data, journal]);
            return new LiteDatabase(data, LiteDbOutbox.Mapper(), journal);
        }

        using (var outbox = new LiteDbOutbox(Open, _device.Key))
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

    public void Dispose()
    {
        _device.Dispose();
        Directory.Delete(_dir, recursive: true);
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

    private sealed class Disk
    {
        public bool Full { get; set; }
    }

    /// <summary>A file on a disk that is full once <see cref="Disk.Full"/> is set: writes fail like ENOSPC.</summary>
    private sealed class DiskFullStream(FileStream inner, Disk disk) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value)
        {
            ThrowIfFull();
            inner.SetLength(value);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ThrowIfFull();
            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void ThrowIfFull()
        {
            if (disk.Full)
            {
                throw new IOException("No space left on device");
            }
        }
    }
}
