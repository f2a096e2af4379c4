using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Outbox;

/// <summary>The "Outbox" config section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    [Required]
    public string DatabasePath { get; set; } = "var/edge/outbox.db";

    /// <summary>Records published but not yet acknowledged, at most. Bounds memory and broker load after an outage.</summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 16;

    /// <summary>Disk budget of the outbox: stored package bytes (plus eviction notices) above this evict the oldest
    /// plain reads; violations are never evicted (policy: cloud-sync/docs/evidence-package.md, "Outbox disk budget").
    /// 2 GiB ≈ 5,000 packages of ≈ 0.4 MB (a 1080p JPEG frame at quality 85, measured, plus its crop).</summary>
    [Range(1L << 20, long.MaxValue)]
    public long MaxBytes { get; set; } = 2L << 30;

    /// <summary>A published record with no acknowledgement after this long is published again (the cloud absorbs duplicates).</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);
}
