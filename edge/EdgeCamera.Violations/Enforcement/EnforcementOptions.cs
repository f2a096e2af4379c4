using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Enforcement;

/// <summary>
/// The "Enforcement" config section: the authority's policy for turning measurements into violations. The defaults
/// are placeholders for development, not a legal standard: each site's values come from the authority.
/// </summary>
public sealed class EnforcementOptions : IValidatableObject
{
    public const string Section = "Enforcement";

    /// <summary>A vehicle crossing the stop line up to this long after red began is not in violation (the authority's
    /// grace after amber; 0 means none). The crossing must be strictly later than red + grace.</summary>
    public TimeSpan AmberGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Radar and loops disagreeing by more than this → no speed violation, the discrepancy is counted.</summary>
    [Range(0.1, 50)]
    public double SensorDisagreementKmh { get; set; } = 5;

    /// <summary>Radar readings below this quality are not used.</summary>
    [Range(0, 99)]
    public int MinRadarQualityPercent { get; set; } = 50;

    /// <summary>The red-light evidence's "after" frame: the first frame this long after the crossing (else the last).</summary>
    public TimeSpan RedLightAfterDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A track must move at least this far in the image before its direction counts for wrong way.</summary>
    [Range(1, 2000)]
    public double WrongWayMinTravelPx { get; set; } = 40;

    /// <summary>Reads less confident than this are not matched against the watch list.</summary>
    [Range(0.0, 1.0)]
    public double WatchListMinConfidence { get; set; } = 0.3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AmberGrace < TimeSpan.Zero || AmberGrace > TimeSpan.FromSeconds(3))
        {
            yield return new ValidationResult("AmberGrace must be between 0 and 3 s", [nameof(AmberGrace)]);
        }

        if (RedLightAfterDelay <= TimeSpan.Zero)
        {
            yield return new ValidationResult("RedLightAfterDelay must be positive", [nameof(RedLightAfterDelay)]);
        }
    }
}
