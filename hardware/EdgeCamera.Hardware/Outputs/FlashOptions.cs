using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Outputs;

/// <summary>The "Flash" config section: the IR illuminator's trigger line.</summary>
public sealed class FlashOptions : IValidatableObject
{
    public const string Section = "Flash";

    [Range(0, 1023)]
    public int Pin { get; set; }

    public bool ActiveHigh { get; set; } = true;

    /// <summary>2 ms covers the simulated camera's 1/500 s shutter (hardware/simcam/README.md).</summary>
    public TimeSpan PulseWidth { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>At most one pulse per frame: 40 ms is one frame at 25 frames/s.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(40);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PulseWidth <= TimeSpan.Zero || PulseWidth >= MinInterval)
        {
            yield return new ValidationResult("PulseWidth must be positive and shorter than MinInterval", [nameof(PulseWidth)]);
        }
    }
}
