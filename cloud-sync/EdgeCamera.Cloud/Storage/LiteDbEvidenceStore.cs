using LiteDB;

namespace EdgeCamera.Cloud.Storage;

/// <summary>The single-node store: one LiteDB file; the event id is the document's _id.</summary>
public sealed class LiteDbEvidenceStore : IEvidenceStore, IDisposable
{
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<StoredEvidence> _evidence;

    public LiteDbEvidenceStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var mapper = new BsonMapper();
        mapper.Entity<StoredEvidence>().Id(e => e.Id, autoId: false);
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);
        _evidence = _db.GetCollection<StoredEvidence>("evidence");
        _evidence.EnsureIndex(e => e.State);
        _evidence.EnsureIndex(e => e.DeviceSequence, unique: true);
    }

    public bool TryAdd(StoredEvidence evidence)
    {
        try
        {
            _evidence.Insert(evidence);
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    public StoredEvidence? Find(Guid eventId) => _evidence.FindById(eventId);

    public StoredEvidence? FindBySequence(string deviceId, long sequence)
    {
        var key = StoredEvidence.DeviceSequenceKey(deviceId, sequence);
        return _evidence.FindOne(e => e.DeviceSequence == key);
    }

    public IReadOnlyList<StoredEvidence> PendingForward(int max) =>
        _evidence.Query().Where(e => e.State == ForwardState.Pending).OrderBy(e => e.ReceivedAtUtc).Limit(max).ToList();

    public void MarkForwarded(Guid eventId, string violationNumber, DateTime atUtc)
    {
        var e = _evidence.FindById(eventId) ?? throw new KeyNotFoundException(eventId.ToString());
        e.State = ForwardState.Forwarded;
        e.ViolationNumber = violationNumber;
        e.ForwardedAtUtc = atUtc;
        e.LastError = null;
        _evidence.Update(e);
    }

    public void RecordForwardFailure(Guid eventId, string error)
    {
        var e = _evidence.FindById(eventId);
        if (e is null)
        {
            return;
        }

        e.ForwardAttempts++;
        e.LastError = error;
        _evidence.Update(e);
    }

    public int Count() => _evidence.Count();

    public void Dispose() => _db.Dispose();
}
