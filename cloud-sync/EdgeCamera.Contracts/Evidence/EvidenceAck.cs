namespace EdgeCamera.Contracts.Evidence;

/// <summary>What the cloud tells a device about one event. The device deletes the event from its outbox on
/// <see cref="AckStatus.Accepted"/> or <see cref="AckStatus.Duplicate"/>, and keeps it (flagged) on <see cref="AckStatus.Rejected"/>.</summary>
public sealed record EvidenceAck(Guid EventId, string DeviceId, AckStatus Status, string? ViolationNumber, string? Reason);

public enum AckStatus
{
    /// <summary>Verified, stored durably and forwarded to the national system.</summary>
    Accepted,

    /// <summary>Already received earlier; stored once.</summary>
    Duplicate,

    /// <summary>Failed verification; the reason says why. Retrying the same bytes will not help.</summary>
    Rejected,
}
