namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// What the device signs (wire schema version 2): one vehicle's evidence without the image bytes, which travel beside
/// it and are bound to it by their SHA-256. The property order below IS the canonical order of the manifest's JSON
/// (cloud-sync/docs/evidence-package.md); never reorder, only append with a new schema version.
/// </summary>
public sealed record EvidenceManifest
{
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>UUIDv7: time-ordered, follows the vehicle from the tracker to the national notice.</summary>
    public required Guid EventId { get; init; }

    public required string DeviceId { get; init; }

    /// <summary>Per-device sequence number, 1 for the first package the device ever signed, +1 for each next one.</summary>
    public long Sequence { get; init; }

    /// <summary>Lower-case hex SHA-256 of the previous package's canonical manifest bytes; 64 zeros for sequence 1.</summary>
    public string PreviousManifestSha256 { get; init; } = ChainLink.GenesisSha256;

    public required string SiteId { get; init; }

    public required SiteLocation Location { get; init; }

    /// <summary>When the vehicle's best frame was captured, UTC, millisecond precision.</summary>
    public required DateTimeOffset CapturedAtUtc { get; init; }

    /// <summary>How far the wall clock behind <see cref="CapturedAtUtc"/> can be trusted.</summary>
    public required ClockSyncState Clock { get; init; }

    public required PlateObservation Plate { get; init; }

    public required ViolationInfo Violation { get; init; }

    public required SoftwareInfo Software { get; init; }

    public required IReadOnlyList<EvidenceImage> Images { get; init; }
}
