namespace EdgeCamera.Edge.Outbox;

/// <summary>One signed evidence package waiting for the cloud's acknowledgement, stored before it is ever published.</summary>
public sealed class OutboxEntry
{
    /// <summary>Insertion order (LiteDB auto id); records are published in this order.</summary>
    public long Id { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The package's place in this device's chain.</summary>
    public long Sequence { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>A plain read (not a violation or watch-list hit): the disk budget may evict it. Entries stored before
    /// the budget existed read as false, so they are kept like violations.</summary>
    [LiteDB.BsonIgnore]
    public bool IsPlainRead => PlainReadSequence is not null;

    /// <summary><see cref="Sequence"/> for a plain read, null otherwise: indexed, so the oldest plain read is found
    /// without reading every package.</summary>
    public long? PlainReadSequence { get; set; }

    /// <summary>Length of <see cref="Payload"/>: what the entry counts against the disk budget.</summary>
    public long Bytes { get; set; }

    /// <summary>The signed evidence package, exactly as published.</summary>
    public byte[] Payload { get; set; } = [];

    /// <summary>Set when the cloud rejected the record: kept for a technician, never resent.</summary>
    public string? RejectedReason { get; set; }
}
