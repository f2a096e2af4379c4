using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Site;

/// <summary>Where the site is, as the national notice prints it.</summary>
public sealed class SiteLocationOptions
{
    [Range(-90.0, 90.0)]
    public double LatitudeDeg { get; set; }

    [Range(-180.0, 180.0)]
    public double LongitudeDeg { get; set; }

    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Road { get; set; } = "";

    /// <summary>The carriageway's direction, e.g. "northbound".</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string Direction { get; set; } = "";
}
