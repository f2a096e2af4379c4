using System.Buffers;
using EdgeCamera.Transport;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Cloud.Intake;

/// <summary>
/// What happens to one message from a device: parse, check, store durably, wake the forwarder. Bad input is counted
/// by reason and logged, never thrown at the MQTT client; the device is told when its record is rejected.
/// The method returns only after the record is stored, and only then is the message acknowledged to the broker.
/// </summary>
public sealed partial class EvidenceIntake(
    IEvidenceStore store,
    IntakeMetrics metrics,
    WakeSignal forwardSignal,
    DeviceAcknowledger acknowledger,
    TimeProvider time,
    ILogger<EvidenceIntake> log)
{
    public async Task HandleAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!Topics.TryParseEvidenceTopic(topic, out var deviceId))
        {
            Reject("topic", topic, null, $"not an evidence topic");
            return;
        }

        if (payload.Length > WireJson.MaxEvidenceBytes)
        {
            Reject("oversized", topic, null, $"{payload.Length} bytes");
            return;
        }

        var bytes = payload.ToArray();
        if (!WireJson.TryParseEvidence(bytes, out var record, out var parseError))
        {
            Reject("malformed", topic, null, parseError);
            return;
        }

        if (!EvidenceValidator.TryValidate(record, deviceId, out var invalid))
        {
            Reject("invalid", topic, record.EventId, invalid);
            await acknowledger.SendAsync(new EvidenceAck(record.EventId, deviceId, AckStatus.Rejected, null, invalid), ct);
            return;
        }

        var stored = new StoredEvidence
        {
            Id = record.EventId,
            DeviceId = deviceId,
            ReceivedAtUtc = time.GetUtcNow().UtcDateTime,
            Payload = bytes,
            State = ForwardState.Pending,
        };
        if (store.TryAdd(stored))
        {
            metrics.CountAccepted();
            LogStored(log, record.EventId, deviceId, record.Plate.Text);
            forwardSignal.Notify();
            return;
        }

        metrics.CountDuplicate();
        var existing = store.Find(record.EventId);
        LogDuplicate(log, record.EventId, deviceId, existing?.State.ToString() ?? "?");
        if (existing is { State: ForwardState.Forwarded, ViolationNumber: { } number })
        {
            // The device did not get (or lost) our first ack: answer again, without forwarding again.
            await acknowledger.SendAsync(new EvidenceAck(record.EventId, deviceId, AckStatus.Duplicate, number, null), ct);
        }
    }

    private void Reject(string category, string topic, Guid? eventId, string reason)
    {
        metrics.CountRejected(category);
        LogRejected(log, category, topic, eventId, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored evidence {EvidenceId} from {DeviceId}, plate {Plate}")]
    private static partial void LogStored(ILogger log, Guid evidenceId, string deviceId, string plate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate evidence {EvidenceId} from {DeviceId} absorbed (stored copy is {State})")]
    private static partial void LogDuplicate(ILogger log, Guid evidenceId, string deviceId, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected message ({Category}) on {Topic}, event {EvidenceId}: {Reason}")]
    private static partial void LogRejected(ILogger log, string category, string topic, Guid? evidenceId, string reason);
}
