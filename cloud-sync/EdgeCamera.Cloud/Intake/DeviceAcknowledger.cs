using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Transport;

namespace EdgeCamera.Cloud.Intake;

/// <summary>Publishes acknowledgements on each device's ack topic (QoS 1).</summary>
public sealed class DeviceAcknowledger(MqttSession session)
{
    public Task<bool> SendAsync(EvidenceAck ack, CancellationToken ct) =>
        session.TryPublishAsync(Topics.Ack(ack.DeviceId), WireJson.Serialize(ack), ct);
}
