using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Edge.Outbox;

/// <summary>
/// The device's durable outbox and the keeper of its hash chain: a draft gets the next sequence number and the previous
/// manifest's hash, is signed, and is written together with the new chain end in one transaction (committed to
/// LiteDB's journal) before it is published; it is deleted only when the cloud acknowledges its event id. Keeps stored
/// package bytes within <see cref="OutboxLimits.MaxBytes"/> by evicting the oldest plain reads (recorded as eviction
/// notices), never violations; over budget with only violations left it keeps storing and raises
/// <see cref="OverBudget"/>. A failed write (disk full) is counted and leaves what was stored before intact. Thread-safe.
/// </summary>
public sealed partial class LiteDbOutbox : IDisposable
{
    /// <summary>Eviction records kept (each ≈ 2 KB, the signed manifest); beyond this the oldest announced ones go.</summary>
    public const int MaxEvictionRecords = 10_000;

    private readonly Func<LiteDatabase> _open;
    private LiteDatabase _db;
    private ILiteCollection<OutboxEntry> _entries;
    private ILiteCollection<EvictedEntry> _evicted;
    private ILiteCollection<ChainState> _chain;
    private readonly DeviceKey _key;
    private readonly OutboxLimits _limits;
    private readonly ILogger _log;
    private readonly Lock _sealing = new();
    private long _bytes;
    private long _evictions;
    private long _writeFailures;
    private volatile bool _overBudget;
    private bool _reopenPending;

    public LiteDbOutbox(string path, DeviceKey key, OutboxLimits? limits = null, ILogger<LiteDbOutbox>? log = null)
        : this(() => Open(path), key, limits, log)
    {
    }

    /// <summary>Over a database <paramref name="open"/> opens (again after a failed write, which can leave LiteDB's
    /// in-memory state unusable), e.g. on streams that inject faults in tests. The outbox owns what it opens.</summary>
    public LiteDbOutbox(Func<LiteDatabase> open, DeviceKey key, OutboxLimits? limits = null, ILogger<LiteDbOutbox>? log = null)
    {
        _key = key;
        _limits = limits ?? OutboxLimits.Unlimited;
        _log = log ?? (ILogger)NullLogger.Instance;
        _open = open;
        (_db, _entries, _evicted, _chain) = Attach(open());
        _bytes = _entries.FindAll().Sum(e => e.Bytes) + _evicted.FindAll().Sum(e => (long)e.Notice.Length);
        _overBudget = _bytes > _limits.MaxBytes;
    }

    /// <summary>The mapping the outbox's documents need (insertion-ordered auto ids).</summary>
    public static BsonMapper Mapper()
    {
        var mapper = new BsonMapper();
        mapper.Entity<OutboxEntry>().Id(e => e.Id, autoId: true);
        mapper.Entity<EvictedEntry>().Id(e => e.Id, autoId: true);
        return mapper;
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

    /// <summary>Bytes of stored packages and eviction notices: what counts against <see cref="OutboxLimits.MaxBytes"/>.</summary>
    public long StoredBytes => Interlocked.Read(ref _bytes);

    public long MaxBytes => _limits.MaxBytes;

    /// <summary>Plain reads evicted by the disk budget since start.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Packages that could not be stored (disk full, I/O error) since start; each was logged as an error.</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    /// <summary>The alarm: over budget with nothing left to evict (only violations). New evidence is still stored.</summary>
    public bool OverBudget => _overBudget;

    /// <summary>Seals the draft as the chain's next package and stores it durably; throws <see cref="IOException"/> when
    /// it cannot be stored (see <see cref="TryAdd"/>).</summary>
    public OutboxEntry Add(EvidenceDraft draft, DateTime nowUtc) =>
        TryAdd(draft, nowUtc, out var entry, out var error) ? entry : throw new IOException(error);

    /// <summary>
    /// Seals the draft as the chain's next package and stores it durably, evicting the oldest plain reads first when the
    /// budget would be exceeded. False (counted, logged) when the disk refuses the write: the chain does not advance and
    /// everything stored before is untouched.
    /// </summary>
    public bool TryAdd(EvidenceDraft draft, DateTime nowUtc, [NotNullWhen(true)] out OutboxEntry? entry, out string error)
    {
        lock (_sealing)
        {
            if (_reopenPending && !TryReopen(out var reopenError))
            {
                return Failed(draft, reopenError, out entry, out error);
            }

            // One transaction: the package, the evictions it causes and the chain end it makes are stored together or not at all.
            try
            {
                _db.BeginTrans();
                var sealedPackage = EvidenceSealer.Seal(draft, Chain, _key);
                var isPlainRead = string.Equals(draft.Manifest.Violation.TypeCode, _limits.PlainReadTypeCode, StringComparison.Ordinal);
                entry = new OutboxEntry
                {
                    EventId = draft.EventId,
                    Sequence = sealedPackage.Link.Sequence,
                    PlainReadSequence = isPlainRead ? sealedPackage.Link.Sequence : null,
                    CreatedAtUtc = nowUtc,
                    Bytes = sealedPackage.WireBytes.Length,
                    Payload = sealedPackage.WireBytes,
                };
                var (evicted, delta) = EvictFor(entry.Bytes, nowUtc);
                _entries.Insert(entry);
                _chain.Upsert(new ChainState { LastSequence = sealedPackage.Link.Sequence, LastManifestSha256 = sealedPackage.Link.ManifestSha256 });
                _db.Commit();
                Interlocked.Add(ref _bytes, entry.Bytes + delta);
                foreach (var victim in evicted)
                {
                    Interlocked.Increment(ref _evictions);
                    LogEvicted(_log, victim.EventId, victim.Sequence, victim.Bytes, _limits.MaxBytes);
                }

                UpdateAlarm();
                error = string.Empty;
                return true;
            }
            catch (Exception ex) when (IsWriteFailure(ex))
            {
                // No rollback: the refused commit may have left pages LiteDB can no longer discard, and a rollback
                // writes (returns new pages) from that state. The engine is thrown away instead; what is on disk is
                // the journal's committed transactions, and the failed one never committed.
                Abandon();
                TryReopen(out _);
                return Failed(draft, ex, out entry, out error);
            }
            catch (LiteException ex)
            {
                // Refused before anything was written (e.g. a duplicate event id): a plain rollback.
                RollbackOrAbandon();
                return Failed(draft, ex, out entry, out error);
            }
            catch
            {
                RollbackOrAbandon();
                throw;
            }
        }
    }

    /// <summary>
    /// Continues the chain after <paramref name="last"/> (the newest package the cloud holds, signature checked by the
    /// caller): the way out for a unit whose outbox database was lost, which would otherwise restart at sequence 1 and
    /// be rejected as replayed. Refused when this outbox already signed as far (the chain never goes back).
    /// </summary>
    public bool TryResumeChain(ChainLink last, out string error)
    {
        lock (_sealing)
        {
            var current = Chain;
            if (last.Sequence < 1 || current.Sequence >= last.Sequence)
            {
                error = $"this outbox's chain is at sequence {current.Sequence}; it can only move forward, past {last.Sequence} is not";
                return false;
            }

            _chain.Upsert(new ChainState { LastSequence = last.Sequence, LastManifestSha256 = last.ManifestSha256 });
            error = string.Empty;
            return true;
        }
    }

    /// <summary>Entries still to deliver (not rejected), oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Pending(int max) =>
        _entries.Query().Where(e => e.RejectedReason == null).OrderBy(e => e.Id).Limit(max).ToList();

    /// <summary>The stored package with this sequence number, if the outbox still holds it.</summary>
    public bool TryFindBySequence(long sequence, [NotNullWhen(true)] out OutboxEntry? entry)
    {
        entry = _entries.FindOne(e => e.Sequence == sequence);
        return entry is not null;
    }

    /// <summary>The eviction record of this sequence number, if the disk budget evicted it.</summary>
    public bool TryFindEvicted(long sequence, [NotNullWhen(true)] out EvictedEntry? evicted)
    {
        evicted = _evicted.FindOne(e => e.Sequence == sequence);
        return evicted is not null;
    }

    /// <summary>Eviction notices the broker has not taken yet, oldest first.</summary>
    public IReadOnlyList<EvictedEntry> UnannouncedEvictions(int max) =>
        _evicted.Query().Where(e => !e.Announced).OrderBy(e => e.Id).Limit(max).ToList();

    public void MarkAnnounced(long evictedId)
    {
        if (_evicted.FindById(evictedId) is { } e)
        {
            e.Announced = true;
            _evicted.Update(e);
        }
    }

    public int CountEvictionRecords() => _evicted.Count();

    /// <summary>Deletes the entry once the cloud has it. False when no entry has this id (an ack seen twice).</summary>
    public bool Acknowledge(Guid eventId)
    {
        lock (_sealing)
        {
            if (_entries.FindOne(e => e.EventId == eventId) is not { } entry || !_entries.Delete(entry.Id))
            {
                return false;
            }

            Interlocked.Add(ref _bytes, -entry.Bytes);
            UpdateAlarm();
            return true;
        }
    }

    /// <summary>Flags the entry as rejected by the cloud (kept, never resent). False when no entry has this id.</summary>
    public bool MarkRejected(Guid eventId, string reason)
    {
        var entry = _entries.FindOne(e => e.EventId == eventId);
        if (entry is null)
        {
            return false;
        }

        entry.RejectedReason = reason;
        return _entries.Update(entry);
    }

    public int Count() => _entries.Count();

    public int CountRejected() => _entries.Count(e => e.RejectedReason != null);

    /// <summary>When the oldest entry still waiting was stored (UTC); null when the outbox is empty. For the diagnostics page.</summary>
    public DateTime? OldestCreatedAtUtc() =>
        _entries.Query().OrderBy(e => e.Id).Select(e => e.CreatedAtUtc).Limit(1).ToList() is [var oldest] ? oldest : null;

    public void Dispose() => _db.Dispose();

    private static (LiteDatabase, ILiteCollection<OutboxEntry>, ILiteCollection<EvictedEntry>, ILiteCollection<ChainState>) Attach(LiteDatabase db)
    {
        var entries = db.GetCollection<OutboxEntry>("outbox");
        entries.EnsureIndex(e => e.EventId, unique: true);
        entries.EnsureIndex(e => e.Sequence);
        entries.EnsureIndex(e => e.PlainReadSequence);
        var evicted = db.GetCollection<EvictedEntry>("evicted");
        evicted.EnsureIndex(e => e.Sequence);
        return (db, entries, evicted, db.GetCollection<ChainState>("chain"));
    }

    private static bool IsWriteFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or ObjectDisposedException
            || (ex is LiteException lite && lite.ErrorCode is LiteException.INVALID_DATAFILE_STATE or LiteException.ENGINE_DISPOSED);

    private bool Failed(EvidenceDraft draft, Exception ex, out OutboxEntry? entry, out string error)
    {
        Interlocked.Increment(ref _writeFailures);
        error = $"outbox write failed, evidence {draft.EventId} NOT stored ({StoredBytes} bytes already stored are kept): {ex.Message}";
        LogWriteFailed(_log, draft.EventId, StoredBytes, ex);
        entry = null;
        return false;
    }

    /// <summary>After a failed write: drop LiteDB's in-memory state (the engine and the transaction it can no longer end,
    /// see <see cref="LiteDbOrphanedTransactions"/>) without writing anything more.</summary>
    private void Abandon()
    {
        var orphans = LiteDbOrphanedTransactions.Capture(_db);
        if (orphans is null)
        {
            LogFinalizerUnguarded(_log);
        }

        try
        {
            _db.Dispose();
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException or SynchronizationLockException)
        {
            // LiteDB collects what closing throws (its own check on the orphaned transaction, a refused checkpoint);
            // this is for anything it lets through. The journal keeps what was committed.
        }
        finally
        {
            LiteDbOrphanedTransactions.SuppressFinalizers(orphans ?? []);
        }

        _reopenPending = true;
    }

    /// <summary>Opens the database again from what is on disk. False (logged) when that fails too, e.g. the disk is
    /// still full: the next <see cref="TryAdd"/> tries again; reads fail until then.</summary>
    private bool TryReopen([NotNullWhen(false)] out Exception? error)
    {
        try
        {
            (_db, _entries, _evicted, _chain) = Attach(_open());
            _reopenPending = false;
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException)
        {
            LogReopenFailed(_log, ex);
            error = ex;
            return false;
        }
    }

    private static LiteDatabase Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, Mapper());
    }

    /// <summary>Inside the caller's transaction: evicts the oldest plain reads until <paramref name="incomingBytes"/>
    /// fit, recording each as an eviction notice. Returns the evicted entries and the change in stored bytes.</summary>
    private (List<OutboxEntry> Evicted, long BytesDelta) EvictFor(long incomingBytes, DateTime nowUtc)
    {
        var evicted = new List<OutboxEntry>();
        long delta = 0;
        while (StoredBytes + delta + incomingBytes > _limits.MaxBytes)
        {
            var victim = _entries.Query().Where(e => e.PlainReadSequence > 0).OrderBy(e => e.PlainReadSequence).Limit(1).FirstOrDefault();
            if (victim is null)
            {
                break; // Only violations left: they are kept; the alarm is raised after the write.
            }

            var notice = EvictionNotice.FromPackage(victim.Payload);
            _entries.Delete(victim.Id);
            _evicted.Insert(new EvictedEntry { EventId = victim.EventId, Sequence = victim.Sequence, EvictedAtUtc = nowUtc, Notice = notice });
            delta += notice.Length - victim.Bytes;
            evicted.Add(victim);
        }

        if (evicted.Count > 0 && _evicted.Count() > MaxEvictionRecords)
        {
            foreach (var old in _evicted.Query().Where(e => e.Announced).OrderBy(e => e.Id).Limit(_evicted.Count() - MaxEvictionRecords).ToList())
            {
                _evicted.Delete(old.Id);
                delta -= old.Notice.Length;
            }
        }

        return (evicted, delta);
    }

    private void UpdateAlarm()
    {
        var over = StoredBytes > _limits.MaxBytes;
        if (over == _overBudget)
        {
            return;
        }

        _overBudget = over;
        if (over)
        {
            LogOverBudget(_log, StoredBytes, _limits.MaxBytes);
        }
        else
        {
            LogBackWithinBudget(_log, StoredBytes, _limits.MaxBytes);
        }
    }

    /// <summary>Ends the failed transaction; when LiteDB cannot (it is in the state a refused write leaves), the engine
    /// is thrown away and opened again instead.</summary>
    private void RollbackOrAbandon()
    {
        try
        {
            _db.Rollback();
            return;
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Handled below: the transaction may still be open.
        }

        Abandon();
        TryReopen(out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox disk budget: evicted plain read {EvidenceId} (sequence {Sequence}, {Bytes} bytes) to stay within {MaxBytes} bytes; its signed manifest is kept as an eviction notice")]
    private static partial void LogEvicted(ILogger log, Guid evidenceId, long sequence, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "OUTBOX ALARM: {StoredBytes} bytes stored, over the budget of {MaxBytes}, and only violations are left (never evicted). New evidence is still stored while the disk has room; restore the uplink or add storage")]
    private static partial void LogOverBudget(ILogger log, long storedBytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox back within its disk budget: {StoredBytes} of {MaxBytes} bytes")]
    private static partial void LogBackWithinBudget(ILogger log, long storedBytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Outbox could not be opened again after a failed write; the next write tries again")]
    private static partial void LogReopenFailed(ILogger log, Exception ex);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Outbox: this LiteDB's internals are not the ones LiteDbOrphanedTransactions knows; the transaction the failed write left open cannot be kept from LiteDB's finalizer, which may end the process")]
    private static partial void LogFinalizerUnguarded(ILogger log);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox write failed (disk full or I/O error): evidence {EvidenceId} NOT stored; the {StoredBytes} bytes stored before are intact")]
    private static partial void LogWriteFailed(ILogger log, Guid evidenceId, long storedBytes, Exception ex);
}
