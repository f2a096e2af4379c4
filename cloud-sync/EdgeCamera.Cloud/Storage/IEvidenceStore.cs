namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// Durable storage of received evidence and its forwarding outbox. Implementations absorb duplicate event ids by a
/// unique key, not by memory: LiteDB for one node (<see cref="LiteDbEvidenceStore"/>), PostgreSQL for several nodes
/// sharing one database (<see cref="PostgresEvidenceStore"/>). Both pass the same contract tests.
/// </summary>
public interface IEvidenceStore : IDisposable
{
    /// <summary>Stores the record durably. False when a record with this event id, or this device's sequence number, is
    /// already stored (nothing changes).</summary>
    bool TryAdd(StoredEvidence evidence);

    StoredEvidence? Find(Guid eventId);

    /// <summary>The record a device sent under this sequence number, if stored — for chain checks: its
    /// <see cref="StoredEvidence.Payload"/> may be left empty (<see cref="Find"/> by its id has the bytes).</summary>
    StoredEvidence? FindBySequence(string deviceId, long sequence);

    /// <summary>The record stored under <paramref name="eventId"/> and the device's records at
    /// <paramref name="sequence"/> − 1, <paramref name="sequence"/> and <paramref name="sequence"/> + 1, payloads
    /// possibly empty. The default asks <see cref="Find"/> and <see cref="FindBySequence"/>; a store with round trips
    /// reads them in one.</summary>
    Task<ChainView> ReadChainAsync(Guid eventId, string deviceId, long sequence, CancellationToken ct) => Task.FromResult(new ChainView(
        Find(eventId),
        sequence > 1 ? FindBySequence(deviceId, sequence - 1) : null,
        FindBySequence(deviceId, sequence),
        FindBySequence(deviceId, sequence + 1)));

    /// <summary><see cref="TryAdd"/> without holding a thread while the store writes (the default just calls it).</summary>
    Task<bool> TryAddAsync(StoredEvidence evidence, CancellationToken ct) => Task.FromResult(TryAdd(evidence));

    /// <summary>Stores several records, durably once the call returns; per record (same order) true when it was new,
    /// false when its event id or device sequence was already stored, or taken by an earlier record of the same batch
    /// (a duplicate refuses only itself). A store with transactions commits the whole batch at once (group commit);
    /// the default adds them one after the other.</summary>
    async Task<IReadOnlyList<bool>> TryAddBatchAsync(IReadOnlyList<StoredEvidence> batch, CancellationToken ct)
    {
        var added = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            added[i] = await TryAddAsync(batch[i], ct);
        }

        return added;
    }

    /// <summary>The record the national system gave this violation number.</summary>
    StoredEvidence? FindByViolationNumber(string violationNumber);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending records that are due (<see cref="StoredEvidence.NextAttemptAtUtc"/>
    /// passed) and not leased to another node, oldest first, and leases them to <paramref name="node"/> until
    /// <paramref name="nowUtc"/> + <paramref name="lease"/>: two nodes never forward the same record at once, and a
    /// node that dies mid-way leaves its records to the others when the lease ends. A record that has its
    /// <see cref="StoredEvidence.Manifest"/> may come with its <see cref="StoredEvidence.Payload"/> left empty: the
    /// forwarder needs only the manifest (<see cref="Find"/> by its id has the bytes).
    /// </summary>
    IReadOnlyList<StoredEvidence> ClaimForForward(string node, int max, DateTime nowUtc, TimeSpan lease);

    void MarkForwarded(Guid eventId, string violationNumber, DateTime atUtc);

    /// <summary>Counts a failed attempt, keeps its error and releases the lease; tried again not before <paramref name="nextAttemptAtUtc"/>.</summary>
    void RecordForwardFailure(Guid eventId, string error, DateTime nextAttemptAtUtc);

    /// <summary>Counts the last failed attempt and gives the record up with the reason (state <see cref="ForwardState.DeadLetter"/>).</summary>
    void MarkDeadLetter(Guid eventId, string reason, DateTime atUtc);

    /// <summary>Dead letters, oldest first, for listing and replay: their <see cref="StoredEvidence.Payload"/> may be
    /// left empty (<see cref="Find"/> by its id has the bytes).</summary>
    IReadOnlyList<StoredEvidence> DeadLetters(int max);

    /// <summary>Puts a dead letter back in the outbox (pending, attempts from zero, due now). False when it is not a dead letter.</summary>
    bool Replay(Guid eventId);

    /// <summary>Counts of stored records by state.</summary>
    IReadOnlyDictionary<ForwardState, int> CountByState();

    /// <summary>Violations captured in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) counted by site, type and hour.</summary>
    IReadOnlyList<HourlyCount> CountByHour(DateTime fromUtc, DateTime toUtc);

    /// <summary>Per device: packages stored, the last one's arrival, site and software version.</summary>
    IReadOnlyList<DeviceActivity> DeviceActivity();

    int Count();
}
