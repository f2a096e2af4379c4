namespace EdgeCamera.Contracts.Mqtt;

/// <summary>
/// The topic tree for central subscribers (documented in cloud-sync/docs/central-subscribers.md):
/// <c>edgecam/v1/central/{region}/{deviceId}/{violationType}</c>, QoS 1, one normalised event per verified, stored
/// package. Region is the first segment of the site id (<c>RUH-KFR-012</c> → <c>RUH</c>).
/// </summary>
public static class CentralTopics
{
    public const string Root = Topics.Root + "/central";

    /// <summary>Everything: <c>edgecam/v1/central/#</c>.</summary>
    public const string All = Root + "/#";

    public static string Event(string region, string deviceId, string violationType) =>
        $"{Root}/{Segment(region)}/{Segment(deviceId)}/{Segment(violationType)}";

    /// <summary>The region of a site id: its text before the first '-', or "unknown".</summary>
    public static string RegionOf(string siteId)
    {
        var dash = siteId.IndexOf('-', StringComparison.Ordinal);
        var region = dash > 0 ? siteId[..dash] : siteId;
        return Topics.IsValidId(region) ? region : "unknown";
    }

    /// <summary>Topic levels carry only [A-Za-z0-9_-]: anything else becomes '_' (never a wildcard or separator).</summary>
    private static string Segment(string value)
    {
        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(64).ToArray();
        return chars.Length == 0 ? "_" : new string(chars);
    }
}
