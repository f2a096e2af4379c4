using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Site;

/// <summary>The "Device" config section: who this unit is and where it stands.</summary>
public sealed class DeviceOptions : IValidatableObject
{
    public const string Section = "Device";

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string DeviceId { get; set; } = string.Empty;

    [Required]
    public string SiteId { get; set; } = string.Empty;

    [Range(-90.0, 90.0)]
    public double LatitudeDeg { get; set; }

    [Range(-180.0, 180.0)]
    public double LongitudeDeg { get; set; }

    [Required]
    public string Road { get; set; } = string.Empty;

    /// <summary>Direction of travel the camera watches, e.g. "northbound".</summary>
    [Required]
    public string Direction { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LatitudeDeg == 0 && LongitudeDeg == 0)
        {
            yield return new ValidationResult("Device location is 0,0: set LatitudeDeg and LongitudeDeg of the site.", [nameof(LatitudeDeg)]);
        }
    }
}
