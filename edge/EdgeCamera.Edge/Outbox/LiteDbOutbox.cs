using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using LiteDB;

namespace EdgeCamera.Edge.Outbox;

/// <summary>
/// The device's durable outbox and the keeper of its hash chain: a draft gets the next sequence number and the previous
/// manifest's hash, is signed, and is written together with the new chain end in one transaction (committed to
/// LiteDB's journal) before it is published; it is deleted only when the cloud acknowledges its event id. Thread-safe.
/// </summary>
public sealed class LiteDbOutbox : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<OutboxEntry> _entries;
    private readonly ILiteCollection<ChainState> _chain;
    private readonly DeviceKey _key;
    private readonly Lock _sealing = new();

    public LiteDbOutbox(string path, DeviceKey key)
    {
        _key = key;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var mapper = new BsonMapper();
        mapper.Entity<OutboxEntry>().Id(e => e.Id, autoId: true);
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);
        _entries = _db.GetCollection<OutboxEntry>("outbox");
        _entries.EnsureIndex(e => e.EventId, unique: true);
        _chain = _db.GetCollection<ChainState>("chain");
    }

    /// <summary>The end of the chain: the last sequence number signed and its manifest's hash.</summary>
    public ChainLink Chain
    {
        get
        {
            var state = _chain.FindById(ChainState.SingletonId);
            return state is null ? ChainLink.Genesis : new ChainLink(state.LastSequence, state.LastManifestSha256);
        }
    }

    /// <summary>Seals the draft as the chain's next package and stores it durably; returns its outbox entry.</summary>
    public OutboxEntry Add(EvidenceDraft draft, DateTime nowUtc)
    {
        lock (_sealing)
        {
            // One transaction: the package and the chain end it makes are stored together or not at all.
            _db.BeginTrans();
            try
            {
                var sealedPackage = EvidenceSealer.Seal(draft, Chain, _key);
                var entry = new OutboxEntry
                {
                    EventId = draft.EventId,
                    Sequence = sealedPackage.Link.Sequence,
                    CreatedAtUtc = nowUtc,
                    Payload = sealedPackage.WireBytes,
                };
                _entries.Insert(entry);
                _chain.Upsert(new ChainState { LastSequence = sealedPackage.Link.Sequence, LastManifestSha256 = sealedPackage.Link.ManifestSha256 });
                _db.Commit();
                return entry;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
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

    /// <summary>When the oldest entry still waiting was stored (UTC); null when the outbox is empty. For the diagnostics page.</summary>
    public DateTime? OldestCreatedAtUtc() =>
        _entries.Query().OrderBy(e => e.Id).Select(e => e.CreatedAtUtc).Limit(1).ToList() is [var oldest] ? oldest : null;

    public void Dispose() => _db.Dispose();
}
