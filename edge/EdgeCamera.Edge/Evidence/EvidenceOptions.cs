using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Evidence;

/// <summary>The "Evidence" config section.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Type code every read is reported under until the violation rules (issue 5) decide per vehicle.
    /// Must exist in the national fines table.</summary>
    [Required, RegularExpression("^[A-Z0-9-]{1,16}$")]
    public string ReadTypeCode { get; set; } = "READ";

    [Required]
    public string ReadDescription { get; set; } = "Plate read";

    /// <summary>JPEG quality of the full frame and the plate crop (85: plate characters stay sharp at ~0.4 MB per 1080p frame, measured).</summary>
    [Range(50, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>What disciplines this unit's clock, as stamped in the manifest: "ntp", "gnss", "ptp" or "rtc".</summary>
    [Required, RegularExpression("^(ntp|gnss|ptp|rtc)$")]
    public string ClockSource { get; set; } = "ntp";

    /// <summary>Largest clock error (offset plus estimated error) under which times count as trustworthy. 100 ms: a
    /// vehicle at 120 km/h moves 3.3 m in it, under the length of one car.</summary>
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromMilliseconds(100);
}
