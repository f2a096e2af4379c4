namespace EdgeCamera.Cloud.Storage;

/// <summary>What the store knows of a device: how many packages, and the latest one's arrival, site and software.</summary>
public sealed record DeviceActivity(string DeviceId, int Packages, DateTime LastReceivedAtUtc, string SiteId, string SoftwareVersion);
