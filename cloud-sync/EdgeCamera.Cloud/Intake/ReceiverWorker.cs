using EdgeCamera.Transport;

namespace EdgeCamera.Cloud.Intake;

/// <summary>Keeps the receiver's MQTT session (shared subscription to every device's evidence topic) alive.</summary>
public sealed class ReceiverWorker(MqttSession session, EvidenceIntake intake) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        session.MessageReceived = intake.HandleAsync;
        return session.RunAsync(stoppingToken);
    }
}
