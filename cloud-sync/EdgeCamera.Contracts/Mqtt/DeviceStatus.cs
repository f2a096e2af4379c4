using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCamera.Contracts.Mqtt;

/// <summary>
/// A unit's presence on <c>edgecam/v1/devices/{deviceId}/status</c>, retained, QoS 1: the unit publishes
/// <c>online</c> after each connect; the broker publishes its Last Will <c>offline</c> when the connection drops (and the
/// unit asks for it on a clean shutdown), so the retained value is always the current state.
/// </summary>
public sealed record DeviceStatus(string DeviceId, string State, string SoftwareVersion, DateTimeOffset AtUtc)
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Wildcard = Topics.Root + "/devices/+/status";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static string Topic(string deviceId) => Topics.Ack(deviceId)[..^"ack".Length] + "status";

    public static bool TryParseTopic(string topic, out string deviceId)
    {
        deviceId = string.Empty;
        var parts = topic.Split('/');
        if (parts is not ["edgecam", "v1", "devices", var id, "status"] || !Topics.IsValidId(id))
        {
            return false;
        }

        deviceId = id;
        return true;
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static bool TryParse(ReadOnlySpan<byte> payload, out DeviceStatus? status)
    {
        try
        {
            status = JsonSerializer.Deserialize<DeviceStatus>(payload, Json);
            return status is { State: Online or Offline } && Topics.IsValidId(status.DeviceId);
        }
        catch (JsonException)
        {
            status = null;
            return false;
        }
    }
}
