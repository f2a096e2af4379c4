namespace EdgeCamera.Edge.Outbox;

/// <summary>
/// The record of a plain read the disk budget evicted before the cloud acknowledged it: its place in the chain and its
/// eviction notice (the signed manifest without images), announced to the cloud so the gap is declared, not silent.
/// </summary>
public sealed class EvictedEntry
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public long Sequence { get; set; }

    public DateTime EvictedAtUtc { get; set; }

    /// <summary>The eviction notice (<c>EvictionNotice.FromPackage</c>), as published on the evicted topic.</summary>
    public byte[] Notice { get; set; } = [];

    /// <summary>Set once the broker has taken the notice (QoS 1 PUBACK); it is still answered to resend requests.</summary>
    public bool Announced { get; set; }
}
