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

    /// <summary>From the signed manifest, kept beside the payload for queries (analytics, fleet, objections).</summary>
    public string SiteId { get; set; } = string.Empty;

    /// <summary>The national fines table's code (manifest <c>violation.typeCode</c>).</summary>
    public string ViolationTypeCode { get; set; } = string.Empty;

    /// <summary>Manifest <c>capturedAtUtc</c>: when the violation happened (analytics count by this hour).</summary>
    public DateTime CapturedAtUtc { get; set; }

    /// <summary>Manifest <c>software.version</c> of the edge that signed it.</summary>
    public string SoftwareVersion { get; set; } = string.Empty;

    /// <summary>The signed package exactly as received (manifest, signature, images): it can be verified again at any time.</summary>
    public byte[] Payload { get; set; } = [];

    /// <summary>The signed manifest's bytes as received (a few KB of the package), kept beside the payload so the
    /// outbox forwards without reading the package (<see cref="IEvidenceStore.ClaimForForward"/>). Null for records
    /// stored before it was kept: their manifest is read out of <see cref="Payload"/>.</summary>
    public byte[]? Manifest { get; set; }

    public ForwardState State { get; set; }

    public string? ViolationNumber { get; set; }

    public int ForwardAttempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? ForwardedAtUtc { get; set; }

    /// <summary>Not before this time will the outbox try (again): the arrival time at first, later the backoff.</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>Why the record was given up (<see cref="ForwardState.DeadLetter"/>); kept after a replay as history.</summary>
    public string? DeadLetterReason { get; set; }

    public DateTime? DeadLetteredAtUtc { get; set; }

    /// <summary>The receiver node that holds the forwarding lease until <see cref="LeaseUntilUtc"/> (several nodes, one store).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>The lease's end; <see cref="DateTime.MinValue"/> (or any past time) when nobody holds it.</summary>
    public DateTime LeaseUntilUtc { get; set; }

    public static string DeviceSequenceKey(string deviceId, long sequence) => $"{deviceId}/{sequence:D19}";
}

public enum ForwardState
{
    Pending,
    Forwarded,

    /// <summary>Given up: the national system refused it for good (a 4xx other than 408/429) or too many attempts failed.
    /// Kept with the reason until an operator replays it (<c>edgecam-cloud replay</c>).</summary>
    DeadLetter,
}
