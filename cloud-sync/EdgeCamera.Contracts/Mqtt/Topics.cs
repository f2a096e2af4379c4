namespace EdgeCamera.Contracts.Mqtt;

/// <summary>
/// The MQTT topic tree shared by devices and the cloud (documented in cloud-sync/docs/wire-format.md).
/// <c>edgecam/v1/devices/{deviceId}/evidence</c> device → cloud, QoS 1;
/// <c>edgecam/v1/devices/{deviceId}/ack</c> cloud → device, QoS 1.
/// </summary>
public static class Topics
{
    public const string Root = "edgecam/v1";

    public const string EvidenceWildcard = Root + "/devices/+/evidence";

    /// <summary>The default shared-subscription group of the cloud receivers.</summary>
    public const string DefaultReceiverGroup = "edgecam-cloud";

    public static string Evidence(string deviceId) => $"{Root}/devices/{RequireValidId(deviceId)}/evidence";

    public static string Ack(string deviceId) => $"{Root}/devices/{RequireValidId(deviceId)}/ack";

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

    /// <summary>Device ids and group names: 1–64 of [A-Za-z0-9_-], so they never carry MQTT wildcards or separators.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string RequireValidId(string id) =>
        IsValidId(id) ? id : throw new ArgumentException($"'{id}' is not a valid id: 1-64 characters of A-Z, a-z, 0-9, '-' or '_'.", nameof(id));
}
