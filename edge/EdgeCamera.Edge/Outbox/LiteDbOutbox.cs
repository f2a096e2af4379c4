using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using LiteDB;

namespace EdgeCamera.Edge.Outbox;

/// <summary>
/// The device's durable outbox: a record is written (and committed to LiteDB's journal) before it is published and
/// deleted only when the cloud acknowledges its event id. Thread-safe (LiteDB serialises writers).
/// </summary>
public sealed class LiteDbOutbox : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<OutboxEntry> _entries;

    public LiteDbOutbox(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var mapper = new BsonMapper();
        mapper.Entity<OutboxEntry>().Id(e => e.Id, autoId: true);
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);
        _entries = _db.GetCollection<OutboxEntry>("outbox");
        _entries.EnsureIndex(e => e.EventId, unique: true);
    }

    /// <summary>Stores the record durably; returns its outbox entry.</summary>
    public OutboxEntry Add(EvidenceRecord record, DateTime nowUtc)
    {
        var entry = new OutboxEntry { EventId = record.EventId, CreatedAtUtc = nowUtc, Payload = WireJson.Serialize(record) };
        _entries.Insert(entry);
        return entry;
    }

    /// <summary>Entries still to deliver (not rejected), oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Pending(int max) =>
        _entries.Query().Where(e => e.RejectedReason == null).OrderBy(e => e.Id).Limit(max).ToList();

    /// <summary>Deletes the entry once the cloud has it. False when no entry has this id (an ack seen twice).</summary>
    public bool Acknowledge(Guid eventId) => _entries.DeleteMany(e => e.EventId == eventId) > 0;

    public void MarkRejected(Guid eventId, string reason)
    {
        var entry = _entries.FindOne(e => e.EventId == eventId);
        if (entry is not null)
        {
            entry.RejectedReason = reason;
            _entries.Update(entry);
        }
    }

    public int Count() => _entries.Count();

    public int CountRejected() => _entries.Count(e => e.RejectedReason != null);

    public void Dispose() => _db.Dispose();
}
