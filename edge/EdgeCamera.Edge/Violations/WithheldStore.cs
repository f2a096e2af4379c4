using EdgeCamera.Contracts.Evidence;
using LiteDB;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// Keeps withheld violations on the unit (LiteDB, its own file): the reading is kept and flagged, not issued. Bounded
/// by <see cref="ViolationStageOptions.WithheldMaxRecords"/>: the oldest beyond it is deleted and counted. Thread-safe.
/// </summary>
public sealed class WithheldStore : IDisposable
{
    private readonly Lazy<(LiteDatabase Db, ILiteCollection<WithheldRecord> Records)> _store;
    private readonly int _maxRecords;
    private readonly Lock _gate = new();
    private long _stored;
    private long _evicted;

    /// <summary>The file is opened at the first record (withheld violations are rare; most units never open it).</summary>
    public WithheldStore(string path, int maxRecords)
    {
        _maxRecords = maxRecords;
        _store = new Lazy<(LiteDatabase, ILiteCollection<WithheldRecord>)>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var mapper = new BsonMapper();
            mapper.Entity<WithheldRecord>().Id(r => r.Id, autoId: true);
            var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);
            var records = db.GetCollection<WithheldRecord>("withheld");
            records.EnsureIndex(r => r.EventId, unique: false);
            return (db, records);
        });
    }

    public long Stored => Interlocked.Read(ref _stored);

    public long Evicted => Interlocked.Read(ref _evicted);

    public int Count() => _store.Value.Records.Count();

    public void Add(EvidenceDraft draft, string flags, string detail, DateTime nowUtc)
    {
        var record = new WithheldRecord
        {
            EventId = draft.EventId,
            TypeCode = draft.Manifest.Violation.TypeCode,
            Plate = draft.Manifest.Plate.Text,
            Flags = flags,
            Detail = detail,
            CapturedAtUtc = draft.Manifest.CapturedAtUtc.UtcDateTime,
            StoredAtUtc = nowUtc,
            Manifest = CanonicalManifest.Serialize(draft.Manifest),
            Images = draft.Images.ToDictionary(i => i.Name, i => i.Data, StringComparer.Ordinal),
        };
        var records = _store.Value.Records;
        lock (_gate)
        {
            records.Insert(record);
            Interlocked.Increment(ref _stored);
            var excess = records.Count() - _maxRecords;
            if (excess > 0)
            {
                foreach (var old in records.Query().OrderBy(r => r.Id).Limit(excess).ToList())
                {
                    records.Delete(old.Id);
                    Interlocked.Increment(ref _evicted);
                }
            }
        }
    }

    /// <summary>The newest records first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<WithheldRecord> Recent(int limit) =>
        [.. _store.Value.Records.Query().OrderByDescending(r => r.Id).Limit(limit).ToEnumerable()];

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Db.Dispose();
        }
    }
}
