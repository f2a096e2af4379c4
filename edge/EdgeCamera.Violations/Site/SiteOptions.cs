using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Site;

/// <summary>The "Site" config section: the site in the authority's register, its lanes, stop lines and limits.</summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>The site's id in the authority's register (same alphabet as device ids on the wire).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string SiteId { get; set; } = "";

    public SiteLocationOptions Location { get; set; } = new();

    /// <summary>IANA time zone of the site: restricted-lane schedules and calibration dates are local.</summary>
    [Required]
    public string TimeZoneId { get; set; } = "Asia/Riyadh";

    [Range(64, 7680)]
    public int ImageWidthPx { get; set; } = 1920;

    [Range(64, 4320)]
    public int ImageHeightPx { get; set; } = 1080;

    public List<LaneOptions> Lanes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var r in NestedOptionsValidator.Validate(Location, nameof(Location)))
        {
            yield return r;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _))
        {
            yield return new ValidationResult($"TimeZoneId '{TimeZoneId}' is not a known time zone", [nameof(TimeZoneId)]);
        }

        if (Lanes.Count == 0)
        {
            yield return new ValidationResult("Lanes: at least one lane", [nameof(Lanes)]);
        }

        if (Lanes.GroupBy(l => l.Id).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("Lanes: two lanes with one id", [nameof(Lanes)]);
        }

        for (var i = 0; i < Lanes.Count; i++)
        {
            foreach (var r in NestedOptionsValidator.Validate(Lanes[i], $"Lanes[{i}]"))
            {
                yield return r;
            }

            if (Lanes[i].Polygon.Concat(Lanes[i].StopLine is { } s ? [s.A!, s.B!] : []).Any(p => p is not null && (p.X > ImageWidthPx || p.Y > ImageHeightPx)))
            {
                yield return new ValidationResult($"Lanes[{i}]: a point lies outside the {ImageWidthPx}x{ImageHeightPx} image", [nameof(Lanes)]);
            }
        }
    }
}
