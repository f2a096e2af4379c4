using LiteDB;

namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// The single-node store: one LiteDB file; the event id is the document's _id and the device's sequence a unique index.
/// Read-modify-write of the outbox state runs under one lock (one process owns the file).
/// </summary>
public sealed class LiteDbEvidenceStore : IEvidenceStore, IDisposable
{
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<StoredEvidence> _evidence;
    private readonly Lock _gate = new();

    public LiteDbEvidenceStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var mapper = new BsonMapper();
        mapper.Entity<StoredEvidence>().Id(e => e.Id, autoId: false);
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);
        _evidence = _db.GetCollection<StoredEvidence>("evidence");
        _evidence.EnsureIndex(e => e.State);
        _evidence.EnsureIndex(e => e.DeviceSequence, unique: true);
        _evidence.EnsureIndex(e => e.ViolationNumber);
        _evidence.EnsureIndex(e => e.CapturedAtUtc);
        _evidence.EnsureIndex(e => e.DeviceId);
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

    public StoredEvidence? FindByViolationNumber(string violationNumber) =>
        _evidence.FindOne(e => e.ViolationNumber == violationNumber);

    public IReadOnlyList<StoredEvidence> ClaimForForward(string node, int max, DateTime nowUtc, TimeSpan lease)
    {
        lock (_gate)
        {
            var due = _evidence.Query()
                .Where(e => e.State == ForwardState.Pending && e.NextAttemptAtUtc <= nowUtc && e.LeaseUntilUtc <= nowUtc)
                .OrderBy(e => e.ReceivedAtUtc)
                .Limit(max)
                .ToList();
            foreach (var e in due)
            {
                e.LeaseOwner = node;
                e.LeaseUntilUtc = nowUtc + lease;
                _evidence.Update(e);
            }

            return due;
        }
    }

    public void MarkForwarded(Guid eventId, string violationNumber, DateTime atUtc) => Change(eventId, e =>
    {
        e.State = ForwardState.Forwarded;
        e.ViolationNumber = violationNumber;
        e.ForwardedAtUtc = atUtc;
        e.LastError = null;
        e.LeaseOwner = null;
        e.LeaseUntilUtc = DateTime.MinValue;
    });

    public void RecordForwardFailure(Guid eventId, string error, DateTime nextAttemptAtUtc) => Change(eventId, e =>
    {
        e.ForwardAttempts++;
        e.LastError = error;
        e.NextAttemptAtUtc = nextAttemptAtUtc;
        e.LeaseOwner = null;
        e.LeaseUntilUtc = DateTime.MinValue;
    });

    public void MarkDeadLetter(Guid eventId, string reason, DateTime atUtc) => Change(eventId, e =>
    {
        e.ForwardAttempts++;
        e.LastError = reason;
        e.State = ForwardState.DeadLetter;
        e.DeadLetterReason = reason;
        e.DeadLetteredAtUtc = atUtc;
        e.LeaseOwner = null;
        e.LeaseUntilUtc = DateTime.MinValue;
    });

    public IReadOnlyList<StoredEvidence> DeadLetters(int max) =>
        _evidence.Query().Where(e => e.State == ForwardState.DeadLetter).OrderBy(e => e.ReceivedAtUtc).Limit(max).ToList();

    public bool Replay(Guid eventId)
    {
        var replayed = false;
        Change(eventId, e =>
        {
            if (e.State != ForwardState.DeadLetter)
            {
                return;
            }

            e.State = ForwardState.Pending;
            e.ForwardAttempts = 0;
            e.NextAttemptAtUtc = DateTime.MinValue;
            replayed = true;
        });
        return replayed;
    }

    public IReadOnlyDictionary<ForwardState, int> CountByState() =>
        Enum.GetValues<ForwardState>().ToDictionary(s => s, s => _evidence.Count(e => e.State == s));

    public IReadOnlyList<HourlyCount> CountByHour(DateTime fromUtc, DateTime toUtc) =>
        _evidence.Query()
            .Where(e => e.CapturedAtUtc >= fromUtc && e.CapturedAtUtc < toUtc)
            .Select(e => new { e.SiteId, e.ViolationTypeCode, e.CapturedAtUtc })
            .ToList()
            .GroupBy(e => (e.SiteId, e.ViolationTypeCode, Hour: TruncateToHour(e.CapturedAtUtc)))
            .Select(g => new HourlyCount(g.Key.SiteId, g.Key.ViolationTypeCode, g.Key.Hour, g.Count()))
            .OrderBy(c => c.HourUtc).ThenBy(c => c.SiteId, StringComparer.Ordinal).ThenBy(c => c.ViolationTypeCode, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<DeviceActivity> DeviceActivity() =>
        _evidence.Query()
            .Select(e => new { e.DeviceId, e.ReceivedAtUtc, e.SiteId, e.SoftwareVersion })
            .ToList()
            .GroupBy(e => e.DeviceId, StringComparer.Ordinal)
            .Select(g =>
            {
                var last = g.MaxBy(e => e.ReceivedAtUtc)!;
                return new DeviceActivity(g.Key, g.Count(), last.ReceivedAtUtc.ToUniversalTime(), last.SiteId, last.SoftwareVersion);
            })
            .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
            .ToList();

    public int Count() => _evidence.Count();

    public void Dispose() => _db.Dispose();

    private static DateTime TruncateToHour(DateTime t)
    {
        var utc = t.ToUniversalTime();
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }

    private void Change(Guid eventId, Action<StoredEvidence> change)
    {
        lock (_gate)
        {
            var e = _evidence.FindById(eventId) ?? throw new KeyNotFoundException(eventId.ToString());
            change(e);
            _evidence.Update(e);
        }
    }
}
