using System.Buffers;
using EdgeCamera.Cloud.Devices;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Cloud.Intake;

/// <summary>
/// Eviction notices from devices (<c>edgecam/v1/devices/{deviceId}/evicted</c>): a package the device's disk budget
/// evicted before delivery, as its signed manifest without images. A notice the device's key signed declares the gap
/// (no resend is asked for it); anything else is counted as a rejection (<see cref="RejectReason.EvictionNotice"/>).
/// </summary>
public sealed partial class EvictionNoticeIntake(IDeviceRegistry registry, GapResender gaps, IntakeMetrics metrics, ILogger<EvictionNoticeIntake> log)
{
    public Task HandleAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!Topics.TryParseEvictedTopic(topic, out var deviceId) || !registry.TryGetKey(deviceId, out var key))
        {
            metrics.CountRejected(RejectReason.EvictionNotice);
            LogBadNotice(log, topic, "unknown topic or device");
            return Task.CompletedTask;
        }

        var verified = EvictionNotice.Verify(payload.ToArray(), key, deviceId);
        if (!verified.Ok)
        {
            metrics.CountRejected(RejectReason.EvictionNotice);
            LogBadNotice(log, topic, verified.Reason);
            return Task.CompletedTask;
        }

        var manifest = verified.Manifest!;
        gaps.Declare(deviceId, manifest.Sequence, manifest.EventId);
        LogDeclared(log, deviceId, manifest.Sequence, manifest.EventId, manifest.Violation.TypeCode);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DeviceId} declared sequence {Sequence} (event {EventId}, {TypeCode}) evicted by its disk budget: a declared gap")]
    private static partial void LogDeclared(ILogger log, string deviceId, long sequence, Guid eventId, string typeCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected eviction notice on {Topic}: {Reason}")]
    private static partial void LogBadNotice(ILogger log, string topic, string reason);
}
