using EdgeCamera.Edge.Outbox;
using EdgeCamera.TestKit;

namespace EdgeCamera.Edge.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-outbox-").FullName;

    private string DbPath => Path.Combine(_dir, "outbox.db");

    [Fact]
    public void Outbox_keeps_evidence_until_cloud_acknowledges_even_across_a_restart()
    {
        var records = Enumerable.Range(0, 3).Select(i => SampleEvidence.Create(plate: $"10{i}0ABC")).ToList();
        using (var outbox = new LiteDbOutbox(DbPath))
        {
            foreach (var r in records)
            {
                outbox.Add(r, DateTime.UtcNow);
            }
        }

        using (var reopened = new LiteDbOutbox(DbPath))
        {
            Assert.Equal(records.Select(r => r.EventId), reopened.Pending(10).Select(e => e.EventId));
            Assert.True(reopened.Acknowledge(records[1].EventId));
            Assert.False(reopened.Acknowledge(records[1].EventId));
            Assert.Equal([records[0].EventId, records[2].EventId], reopened.Pending(10).Select(e => e.EventId));
        }
    }

    [Fact]
    public void A_record_the_cloud_rejected_is_kept_for_the_technician_but_not_resent()
    {
        var record = SampleEvidence.Create();
        using var outbox = new LiteDbOutbox(DbPath);
        outbox.Add(record, DateTime.UtcNow);

        outbox.MarkRejected(record.EventId, "image hash mismatch");

        Assert.Empty(outbox.Pending(10));
        Assert.Equal(1, outbox.Count());
        Assert.Equal(1, outbox.CountRejected());
    }

    [Fact]
    public void Pending_returns_the_oldest_first_and_at_most_the_limit()
    {
        using var outbox = new LiteDbOutbox(DbPath);
        var ids = Enumerable.Range(0, 5).Select(_ => outbox.Add(SampleEvidence.Create(), DateTime.UtcNow).EventId).ToList();

        Assert.Equal(ids.Take(2), outbox.Pending(2).Select(e => e.EventId));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
