using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Transport;

namespace EdgeCamera.Cloud.Intake;

/// <summary>Keeps the receiver's MQTT session (shared subscriptions to every device's evidence and eviction-notice
/// topics) alive and hands each message to its intake.</summary>
public sealed class ReceiverWorker(MqttSession session, EvidenceIntake intake, EvictionNoticeIntake notices) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        session.MessageReceived = (topic, payload, ct) => Topics.TryParseEvictedTopic(topic, out _)
            ? notices.HandleAsync(topic, payload, ct)
            : intake.HandleAsync(topic, payload, ct);
        return session.RunAsync(stoppingToken);
    }
}
