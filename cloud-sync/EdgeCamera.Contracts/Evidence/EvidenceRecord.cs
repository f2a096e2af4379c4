namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// One vehicle's evidence as it travels from device to cloud (wire schema version 1).
/// The images' SHA-256 hashes are part of the record so the receiver can check nothing was altered in transit.
/// </summary>
public sealed record EvidenceRecord
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>UUIDv7: time-ordered, follows the vehicle from the tracker to the national notice.</summary>
    public required Guid EventId { get; init; }

    public required string DeviceId { get; init; }

    public required string SiteId { get; init; }

    public required SiteLocation Location { get; init; }

    /// <summary>When the vehicle's best frame was captured, UTC.</summary>
    public required DateTimeOffset CapturedAtUtc { get; init; }

    public required PlateObservation Plate { get; init; }

    public required ViolationInfo Violation { get; init; }

    public required IReadOnlyList<EvidenceImage> Images { get; init; }

    public string SoftwareVersion { get; init; } = string.Empty;
}
