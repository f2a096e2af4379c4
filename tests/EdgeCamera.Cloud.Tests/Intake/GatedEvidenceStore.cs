using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Tests.Intake;

/// <summary>A LiteDB store whose batch commits wait at a gate the test opens, so a test can look at what happened
/// before a commit; it records each batch's size and can fail batches, or single adds of chosen events.</summary>
internal sealed class GatedEvidenceStore(IEvidenceStore inner) : IEvidenceStore
{
    private readonly List<int> _batchSizes = [];
    private readonly TaskCompletionSource _gate = NewGate();

    /// <summary>Completes when a batch commit has started and is waiting at the gate.</summary>
    public TaskCompletionSource CommitWaiting { get; } = NewGate();

    public bool FailBatches { get; init; }

    public HashSet<Guid> FailingEvents { get; } = [];

    public int SingleAdds { get; private set; }

    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_batchSizes)
            {
                return [.. _batchSizes];
            }
        }
    }

    /// <summary>Lets the waiting commit (and every later one) through.</summary>
    public void Open() => _gate.TrySetResult();

    public async Task<IReadOnlyList<bool>> TryAddBatchAsync(IReadOnlyList<StoredEvidence> batch, CancellationToken ct)
    {
        lock (_batchSizes)
        {
            _batchSizes.Add(batch.Count);
        }

        CommitWaiting.TrySetResult();
        await _gate.Task.WaitAsync(ct);
        return FailBatches ? throw new InvalidOperationException("batch failed (test)") : await inner.TryAddBatchAsync(batch, ct);
    }

    public Task<bool> TryAddAsync(StoredEvidence evidence, CancellationToken ct)
    {
        SingleAdds++;
        return FailingEvents.Contains(evidence.Id) ? throw new InvalidOperationException("add failed (test)") : inner.TryAddAsync(evidence, ct);
    }

    public bool TryAdd(StoredEvidence evidence) => inner.TryAdd(evidence);

    public StoredEvidence? Find(Guid eventId) => inner.Find(eventId);

    public StoredEvidence? FindBySequence(string deviceId, long sequence) => inner.FindBySequence(deviceId, sequence);

    public StoredEvidence? FindByViolationNumber(string violationNumber) => inner.FindByViolationNumber(violationNumber);

    public IReadOnlyList<StoredEvidence> ClaimForForward(string node, int max, DateTime nowUtc, TimeSpan lease) => inner.ClaimForForward(node, max, nowUtc, lease);

    public void MarkForwarded(Guid eventId, string violationNumber, DateTime atUtc) => inner.MarkForwarded(eventId, violationNumber, atUtc);

    public void RecordForwardFailure(Guid eventId, string error, DateTime nextAttemptAtUtc) => inner.RecordForwardFailure(eventId, error, nextAttemptAtUtc);

    public void MarkDeadLetter(Guid eventId, string reason, DateTime atUtc) => inner.MarkDeadLetter(eventId, reason, atUtc);

    public IReadOnlyList<StoredEvidence> DeadLetters(int max) => inner.DeadLetters(max);

    public bool Replay(Guid eventId) => inner.Replay(eventId);

    public IReadOnlyDictionary<ForwardState, int> CountByState() => inner.CountByState();

    public IReadOnlyList<HourlyCount> CountByHour(DateTime fromUtc, DateTime toUtc) => inner.CountByHour(fromUtc, toUtc);

    public IReadOnlyList<DeviceActivity> DeviceActivity() => inner.DeviceActivity();

    public int Count() => inner.Count();

    public void Dispose() => inner.Dispose();

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
