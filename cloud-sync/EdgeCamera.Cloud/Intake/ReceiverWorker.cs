using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Intake;

/// <summary>Keeps the receiver's MQTT session (shared subscriptions to every device's evidence and eviction-notice
/// topics) alive and hands each message to its intake: several at once (<see cref="ReceiverOptions.Lanes"/>), one
/// device's messages always in arrival order on the same lane, each acknowledged only after its handler stored it.</summary>
public sealed class ReceiverWorker(
    MqttSession session, EvidenceIntake intake, EvictionNoticeIntake notices, IOptions<ReceiverOptions> options, ILogger<MessageLanes> lanesLog) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var lanes = new MessageLanes(options.Value.Lanes, options.Value.LaneCapacity, DeviceOf, lanesLog);
        session.Lanes = lanes;
        session.MessageReceived = (topic, payload, ct) => Topics.TryParseEvictedTopic(topic, out _)
            ? notices.HandleAsync(topic, payload, ct)
            : intake.HandleAsync(topic, payload, ct);
        await session.RunAsync(stoppingToken);
    }

    /// <summary>The lane key: the device id in the topic (evidence and eviction notices of a device share a lane).</summary>
    private static string DeviceOf(string topic) =>
        Topics.TryParseEvidenceTopic(topic, out var deviceId) || Topics.TryParseEvictedTopic(topic, out deviceId) ? deviceId : topic;
}
