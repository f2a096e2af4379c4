using System.Diagnostics.Metrics;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>What this node's outbox did (meter "EdgeCamera.Cloud.Forwarding").</summary>
public sealed class ForwardingMetrics : IDisposable
{
    private readonly Meter _meter = new("EdgeCamera.Cloud.Forwarding");
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _failedAttempts;
    private readonly Counter<long> _deadLettered;
    private long _forwardedCount;
    private long _failedCount;
    private long _deadCount;
    private long _circuitCount;

    public ForwardingMetrics()
    {
        _forwarded = _meter.CreateCounter<long>("edgecam_cloud_forwarded_total");
        _failedAttempts = _meter.CreateCounter<long>("edgecam_cloud_forward_failed_attempts_total");
        _deadLettered = _meter.CreateCounter<long>("edgecam_cloud_dead_lettered_total");
    }

    public long Forwarded => Interlocked.Read(ref _forwardedCount);

    public long FailedAttempts => Interlocked.Read(ref _failedCount);

    public long DeadLettered => Interlocked.Read(ref _deadCount);

    /// <summary>Calls the open circuit breaker refused without reaching the national system.</summary>
    public long CircuitRejected => Interlocked.Read(ref _circuitCount);

    public void CountCircuitRejected() => Interlocked.Increment(ref _circuitCount);

    public void CountForwarded()
    {
        Interlocked.Increment(ref _forwardedCount);
        _forwarded.Add(1);
    }

    public void CountFailedAttempt()
    {
        Interlocked.Increment(ref _failedCount);
        _failedAttempts.Add(1);
    }

    public void CountDeadLettered()
    {
        Interlocked.Increment(ref _deadCount);
        _deadLettered.Add(1);
    }

    public void Dispose() => _meter.Dispose();
}
