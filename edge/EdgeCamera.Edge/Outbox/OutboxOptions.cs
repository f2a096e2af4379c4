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

    /// <summary>A published record with no acknowledgement after this long is published again (the cloud absorbs duplicates).</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);
}
