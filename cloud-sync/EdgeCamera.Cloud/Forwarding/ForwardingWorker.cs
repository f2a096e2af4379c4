using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// The cloud-side outbox: forwards stored records to the national system in arrival order, then acknowledges to the
/// device. A failure leaves the record pending and backs off; nothing is dropped while the national system is down.
/// </summary>
public sealed partial class ForwardingWorker(
    IEvidenceStore store,
    NationalClient national,
    DeviceAcknowledger acknowledger,
    WakeSignal signal,
    IOptions<NationalSystemOptions> options,
    TimeProvider time,
    ILogger<ForwardingWorker> log) : BackgroundService
{
    private const int BatchSize = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var backoff = new Backoff(o.RetryInitialDelay, o.RetryMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(o.PollInterval, stoppingToken);
                if (!await ForwardPendingAsync(stoppingToken))
                {
                    var delay = backoff.Next();
                    LogBackingOff(log, delay.TotalSeconds);
                    await Task.Delay(delay, time, stoppingToken);
                }
                else
                {
                    backoff.Reset();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Forwards what is pending; false when a forward failed and the worker should back off.</summary>
    internal async Task<bool> ForwardPendingAsync(CancellationToken ct)
    {
        foreach (var pending in store.PendingForward(BatchSize))
        {
            if (!WireJson.TryParsePackage(pending.Payload, out var package, out var error)
                || !CanonicalManifest.TryParse(package.Manifest, out var record, out error))
            {
                // Cannot happen for what intake stored; keep it visible rather than loop on it.
                store.RecordForwardFailure(pending.Id, "stored payload unreadable: " + error);
                continue;
            }

            var result = await national.SubmitAsync(record, ct);
            if (!result.Ok)
            {
                store.RecordForwardFailure(pending.Id, result.Error ?? "unknown");
                LogForwardFailed(log, pending.Id, result.Error ?? "unknown");
                return false;
            }

            store.MarkForwarded(pending.Id, result.ViolationNumber!, time.GetUtcNow().UtcDateTime);
            LogForwarded(log, pending.Id, result.ViolationNumber!);
            await acknowledger.SendAsync(new EvidenceAck(pending.Id, pending.DeviceId, AckStatus.Accepted, result.ViolationNumber, null), ct);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forwarded {EvidenceId} to the national system: violation {ViolationNumber}")]
    private static partial void LogForwarded(ILogger log, Guid evidenceId, string violationNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding {EvidenceId} failed, kept pending: {Error}")]
    private static partial void LogForwardFailed(ILogger log, Guid evidenceId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "National system unavailable; next try in {DelayS:F1} s")]
    private static partial void LogBackingOff(ILogger log, double delayS);
}
