namespace EdgeCamera.Cloud.Storage;

/// <summary>One received evidence record as the cloud keeps it: the exact bytes the device sent, plus forwarding state.</summary>
public sealed class StoredEvidence
{
    /// <summary>The event id (UUIDv7); the store's primary key, so a duplicate cannot be stored twice.</summary>
    public Guid Id { get; set; }

    public string DeviceId { get; set; } = string.Empty;

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>The message exactly as received (canonical wire JSON with the images).</summary>
    public byte[] Payload { get; set; } = [];

    public ForwardState State { get; set; }

    public string? ViolationNumber { get; set; }

    public int ForwardAttempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? ForwardedAtUtc { get; set; }
}

public enum ForwardState
{
    Pending,
    Forwarded,
}
