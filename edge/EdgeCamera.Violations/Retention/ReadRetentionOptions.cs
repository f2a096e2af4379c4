using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Retention;

/// <summary>The "ReadRetention" config section: what happens to reads that are neither a violation nor a hit.</summary>
public sealed class ReadRetentionOptions : IValidatableObject
{
    public const string Section = "ReadRetention";

    /// <summary>Privacy by default: plain reads are not kept unless the authority says so.</summary>
    public bool KeepPlainReads { get; set; }

    /// <summary>How long a kept plain read lives; short by policy, at most 30 days.</summary>
    public TimeSpan PlainReadRetention { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PlainReadRetention <= TimeSpan.Zero || PlainReadRetention > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult("PlainReadRetention must be between 0 and 30 days", [nameof(PlainReadRetention)]);
        }
    }
}
