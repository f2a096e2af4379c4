using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.TestKit;

namespace EdgeCamera.Edge.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-outbox-").FullName;
    private readonly TestDevice _device = new("cam-test-01");

    private string DbPath => Path.Combine(_dir, "outbox.db");

    [Fact]
    public void Outbox_keeps_evidence_until_cloud_acknowledges_even_across_a_restart()
    {
        var drafts = Enumerable.Range(0, 3).Select(i => SampleEvidence.Create(plate: $"10{i}0ABC")).ToList();
        using (var outbox = new LiteDbOutbox(DbPath, _device.Key))
        {
            foreach (var d in drafts)
            {
                outbox.Add(d, DateTime.UtcNow);
            }
        }

        using (var reopened = new LiteDbOutbox(DbPath, _device.Key))
        {
            Assert.Equal(drafts.Select(r => r.EventId), reopened.Pending(10).Select(e => e.EventId));
            Assert.True(reopened.Acknowledge(drafts[1].EventId));
            Assert.False(reopened.Acknowledge(drafts[1].EventId));
            Assert.Equal([drafts[0].EventId, drafts[2].EventId], reopened.Pending(10).Select(e => e.EventId));
        }
    }

    [Fact]
    public void A_record_the_cloud_rejected_is_kept_for_the_technician_but_not_resent()
    {
        var draft = SampleEvidence.Create();
        using var outbox = new LiteDbOutbox(DbPath, _device.Key);
        outbox.Add(draft, DateTime.UtcNow);

        outbox.MarkRejected(draft.EventId, "image hash mismatch");

        Assert.Empty(outbox.Pending(10));
        Assert.Equal(1, outbox.Count());
        Assert.Equal(1, outbox.CountRejected());
    }

    [Fact]
    public void Pending_returns_the_oldest_first_and_at_most_the_limit()
    {
        using var outbox = new LiteDbOutbox(DbPath, _device.Key);
        var ids = Enumerable.Range(0, 5).Select(_ => outbox.Add(SampleEvidence.Create(), DateTime.UtcNow).EventId).ToList();

        Assert.Equal(ids.Take(2), outbox.Pending(2).Select(e => e.EventId));
    }

    [Fact]
    public void Stored_packages_are_signed_and_chained_and_the_sequence_continues_after_a_restart_even_when_all_were_acknowledged()
    {
        var entries = new List<OutboxEntry>();
        using (var outbox = new LiteDbOutbox(DbPath, _device.Key))
        {
            entries.Add(outbox.Add(SampleEvidence.Create(), DateTime.UtcNow));
            entries.Add(outbox.Add(SampleEvidence.Create(), DateTime.UtcNow));
            Assert.True(outbox.Acknowledge(entries[0].EventId));
            Assert.True(outbox.Acknowledge(entries[1].EventId));
        }

        using (var reopened = new LiteDbOutbox(DbPath, _device.Key))
        {
            Assert.Equal(0, reopened.Count());
            Assert.Equal(2, reopened.Chain.Sequence);
            entries.Add(reopened.Add(SampleEvidence.Create(), DateTime.UtcNow));
        }

        var verified = entries.Select(e => EvidenceVerifier.Verify(e.Payload, _device.Key, "cam-test-01")).ToList();
        Assert.All(verified, v => Assert.True(v.Ok, v.Reason));
        Assert.Equal([1L, 2L, 3L], verified.Select(v => v.Manifest!.Sequence));
        Assert.Equal(ChainLink.GenesisSha256, verified[0].Manifest!.PreviousManifestSha256);
        var chain = ChainVerifier.Check(verified);
        Assert.True(chain.Ok, string.Join("; ", chain.Problems));
        Assert.Equal(2, chain.GoodLinks);
    }

    [Fact]
    public void Concurrent_writers_never_share_a_sequence_number()
    {
        using var outbox = new LiteDbOutbox(DbPath, _device.Key);

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => outbox.Add(SampleEvidence.Create(), DateTime.UtcNow));

        var sequences = outbox.Pending(100).Select(e => e.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sequences);
        var chain = ChainVerifier.Check(outbox.Pending(100).Select(e => EvidenceVerifier.Verify(e.Payload, _device.Key, null)));
        Assert.True(chain.Ok, string.Join("; ", chain.Problems));
    }

    public void Dispose()
    {
        _device.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
