namespace EdgeCamera.Contracts.Mqtt;

/// <summary>
/// The MQTT topic tree shared by devices and the cloud (documented in cloud-sync/docs/wire-format.md).
/// <c>edgecam/v1/devices/{deviceId}/evidence</c> device → cloud, QoS 1;
/// <c>edgecam/v1/devices/{deviceId}/ack</c> cloud → device, QoS 1;
/// <c>edgecam/v1/watchlist</c> cloud → every device, QoS 1, retained (the fleet's current watch list).
/// </summary>
public static class Topics
{
    public const string Root = "edgecam/v1";

    public const string EvidenceWildcard = Root + "/devices/+/evidence";

    /// <summary>The fleet's watch list (<see cref="EdgeCamera.Contracts.WatchList.WatchListMessage"/>), published retained by the cloud.</summary>
    public const string WatchList = Root + "/watchlist";

    /// <summary>The default shared-subscription group of the cloud receivers.</summary>
    public const string DefaultReceiverGroup = "edgecam-cloud";

    public static string Evidence(string deviceId) => $"{Root}/devices/{RequireValidId(deviceId)}/evidence";

    public static string Ack(string deviceId) => $"{Root}/devices/{RequireValidId(deviceId)}/ack";

    /// <summary>Cloud → device, QoS 1: "resend these sequence numbers" (<see cref="Evidence.ResendRequest"/>).</summary>
    public static string Resend(string deviceId) => $"{Root}/devices/{RequireValidId(deviceId)}/resend";

    /// <summary>Device → cloud, QoS 1: a package evicted by the disk budget, as its signed manifest without images.</summary>
    public static string Evicted(string deviceId) => $"{Root}/devices/{RequireValidId(deviceId)}/evicted";

    /// <summary>MQTT 5 shared subscription to every device's eviction notices.</summary>
    public static string SharedEvicted(string group) => $"$share/{RequireValidId(group)}/{Root}/devices/+/evicted";

    /// <summary>Reads the device id out of an eviction-notice topic; false for any other topic.</summary>
    public static bool TryParseEvictedTopic(string topic, out string deviceId) => TryParseDeviceTopic(topic, "evicted", out deviceId);

    /// <summary>Reads the device id out of a resend-request topic; false for any other topic.</summary>
    public static bool TryParseResendTopic(string topic, out string deviceId) => TryParseDeviceTopic(topic, "resend", out deviceId);

    /// <summary>MQTT 5 shared subscription: each message goes to one receiver of the group.</summary>
    public static string SharedEvidence(string group) => $"$share/{RequireValidId(group)}/{EvidenceWildcard}";

    /// <summary>Reads the device id out of an evidence topic; false for any other topic.</summary>
    public static bool TryParseEvidenceTopic(string topic, out string deviceId)
    {
        deviceId = string.Empty;
        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "edgecam" || parts[1] != "v1" || parts[2] != "devices" || parts[4] != "evidence")
        {
            return false;
        }

        if (!IsValidId(parts[3]))
        {
            return false;
        }

        deviceId = parts[3];
        return true;
    }

    private static bool TryParseDeviceTopic(string topic, string leaf, out string deviceId)
    {
        deviceId = string.Empty;
        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "edgecam" || parts[1] != "v1" || parts[2] != "devices" || parts[4] != leaf || !IsValidId(parts[3]))
        {
            return false;
        }

        deviceId = parts[3];
        return true;
    }

    /// <summary>Device ids and group names: 1–64 of [A-Za-z0-9_-], so they never carry MQTT wildcards or separators.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string RequireValidId(string id) =>
        IsValidId(id) ? id : throw new ArgumentException($"'{id}' is not a valid id: 1-64 characters of A-Z, a-z, 0-9, '-' or '_'.", nameof(id));
}
