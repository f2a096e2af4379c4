namespace EdgeCamera.Cloud.Storage;

/// <summary>One received, verified evidence package as the cloud keeps it: the exact bytes the device sent, plus forwarding state.</summary>
public sealed class StoredEvidence
{
    /// <summary>The event id (UUIDv7); the store's primary key, so a duplicate cannot be stored twice.</summary>
    public Guid Id { get; set; }

    public string DeviceId { get; set; } = string.Empty;

    /// <summary>The package's place in its device's chain.</summary>
    public long Sequence { get; set; }

    /// <summary><c>{deviceId}/{sequence:D19}</c>: unique, so one sequence number of a device is stored at most once.</summary>
    public string DeviceSequence { get; set; } = string.Empty;

    /// <summary>SHA-256 of the package's canonical manifest (what the next package of the device must name).</summary>
    public string ManifestSha256 { get; set; } = string.Empty;

    /// <summary>What the package names as its predecessor's manifest hash.</summary>
    public string PreviousManifestSha256 { get; set; } = string.Empty;

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>The signed package exactly as received (manifest, signature, images): it can be verified again at any time.</summary>
    public byte[] Payload { get; set; } = [];

    public ForwardState State { get; set; }

    public string? ViolationNumber { get; set; }

    public int ForwardAttempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? ForwardedAtUtc { get; set; }

    public static string DeviceSequenceKey(string deviceId, long sequence) => $"{deviceId}/{sequence:D19}";
}

public enum ForwardState
{
    Pending,
    Forwarded,
}
