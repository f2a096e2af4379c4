using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// The cloud-side outbox: claims due records from the store (a lease, so several nodes never forward one record at
/// once), forwards each to the national system with its event id as idempotency key, then acknowledges to the
/// device. A transient failure counts an attempt, keeps the error and schedules the record again with backoff and
/// jitter; a permanent refusal (4xx other than 408/429) or too many attempts moves it to the dead letters with the
/// reason, from where <c>edgecam-cloud replay</c> puts it back. Nothing is dropped while the national system is down.
/// </summary>
public sealed partial class ForwardingWorker(
    IEvidenceStore store,
    NationalClient national,
    DeviceAcknowledger acknowledger,
    WakeSignal signal,
    IOptions<NationalSystemOptions> nationalOptions,
    IOptions<ForwardingOptions> forwardingOptions,
    IOptions<MqttSessionOptions> brokerOptions,
    ForwardingMetrics metrics,
    TimeProvider time,
    ILogger<ForwardingWorker> log) : BackgroundService
{
    /// <summary>This node's name on its leases: the MQTT client id, unique per node because the broker insists.</summary>
    private readonly string _node = brokerOptions.Value.ClientId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = nationalOptions.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(o.PollInterval, stoppingToken);
                while (await ForwardDueAsync(stoppingToken) == forwardingOptions.Value.BatchSize)
                {
                    // A full batch: more may be waiting.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Forwards one batch of due records; returns how many were claimed.</summary>
    internal async Task<int> ForwardDueAsync(CancellationToken ct)
    {
        var f = forwardingOptions.Value;
        var claimed = store.ClaimForForward(_node, f.BatchSize, time.GetUtcNow().UtcDateTime, f.Lease);
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = f.Concurrency, CancellationToken = ct },
            async (record, token) => await ForwardOneAsync(record, token));
        return claimed.Count;
    }

    private async Task ForwardOneAsync(StoredEvidence pending, CancellationToken ct)
    {
        var error = string.Empty;
        if ((pending.Manifest is not { } manifest && !WireJson.TryReadManifest(pending.Payload, out manifest, out error))
            || !CanonicalManifest.TryParse(manifest, out var record, out error))
        {
            // Cannot happen for what intake stored; keep it visible rather than loop on it.
            GiveUp(pending, "stored payload unreadable: " + error);
            return;
        }

        var result = await national.SubmitAsync(record, ct);
        var now = time.GetUtcNow().UtcDateTime;
        switch (result.Outcome)
        {
            case ForwardOutcome.Delivered:
                store.MarkForwarded(pending.Id, result.ViolationNumber!, now);
                metrics.CountForwarded();
                LogForwarded(log, pending.Id, result.ViolationNumber!, pending.ForwardAttempts + 1);
                await acknowledger.SendAsync(new EvidenceAck(pending.Id, pending.DeviceId, AckStatus.Accepted, result.ViolationNumber, null), ct);
                break;
            case ForwardOutcome.Permanent:
                GiveUp(pending, "refused by the national system: " + result.Error);
                break;
            default:
                var failed = pending.ForwardAttempts + 1;
                if (failed >= forwardingOptions.Value.MaxAttempts)
                {
                    GiveUp(pending, $"{failed} attempts failed; last: {result.Error}");
                    break;
                }

                var o = nationalOptions.Value;
                var delay = RetrySchedule.DelayAfter(failed, o.RetryInitialDelay, o.RetryMaxDelay, Random.Shared);
                store.RecordForwardFailure(pending.Id, result.Error ?? "unknown", now + delay);
                metrics.CountFailedAttempt();
                LogForwardFailed(log, pending.Id, failed, delay.TotalSeconds, result.Error ?? "unknown");
                break;
        }
    }

    private void GiveUp(StoredEvidence pending, string reason)
    {
        store.MarkDeadLetter(pending.Id, reason, time.GetUtcNow().UtcDateTime);
        metrics.CountDeadLettered();
        LogDeadLettered(log, pending.Id, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forwarded {EvidenceId} to the national system: violation {ViolationNumber} (attempt {Attempt})")]
    private static partial void LogForwarded(ILogger log, Guid evidenceId, string violationNumber, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding {EvidenceId} failed (attempt {Attempt}), next try in {DelayS:F1} s: {Error}")]
    private static partial void LogForwardFailed(ILogger log, Guid evidenceId, int attempt, double delayS, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding {EvidenceId} given up (dead letter): {Reason}")]
    private static partial void LogDeadLettered(ILogger log, Guid evidenceId, string reason);
}
