using EdgeCamera.Cloud.Devices;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts.Mqtt;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Fleet;

/// <summary>
/// <c>GET /api/v1/fleet/devices</c>: every registered device (a key file in the registry), every device the store
/// has packages from and every device that published a status, with its public key fingerprint, site, last package, software version and, when the device
/// publishes it, its online/offline status (<see cref="Central.DeviceStatusTracker"/>).
/// </summary>
public static class FleetEndpoints
{
    public static IEndpointRouteBuilder MapFleet(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/fleet/devices", (IEvidenceStore store, IDeviceRegistry registry, IOptions<DevicesOptions> devices, Central.DeviceStatusTracker status) =>
            Results.Ok(List(store, registry, devices.Value, status)));
        return app;
    }

    public static IReadOnlyList<FleetDevice> List(IEvidenceStore store, IDeviceRegistry registry, DevicesOptions devices, Central.DeviceStatusTracker status)
    {
        var activity = store.DeviceActivity().ToDictionary(a => a.DeviceId, StringComparer.Ordinal);
        var registered = Directory.Exists(devices.PublicKeyDirectory)
            ? Directory.EnumerateFiles(devices.PublicKeyDirectory, "*.pub.pem").Select(f => Path.GetFileName(f)[..^".pub.pem".Length]).Where(Topics.IsValidId)
            : [];
        return [.. registered.Union(activity.Keys, StringComparer.Ordinal).Union(status.All.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id =>
        {
            activity.TryGetValue(id, out var a);
            var fingerprint = registry.TryGetKey(id, out var key) ? key.Fingerprint : null;
            var s = status.TryGet(id, out var st) ? st : null;
            return new FleetDevice(id, fingerprint, a?.SiteId, a?.LastReceivedAtUtc, a?.SoftwareVersion, a?.Packages ?? 0, s?.State, s?.AtUtc);
        })];
    }
}

/// <summary>One device as the fleet list shows it; nulls where nothing is known yet.</summary>
public sealed record FleetDevice(
    string DeviceId,
    string? PublicKeyFingerprint,
    string? SiteId,
    DateTime? LastSeenUtc,
    string? SoftwareVersion,
    int Packages,
    string? Status,
    DateTimeOffset? StatusSinceUtc);
