using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Loops;

/// <summary>One lane's pair of induction loops, as surveyed at installation.</summary>
public sealed class LoopPairOptions
{
    /// <summary>Id of the loop pair in the calibration register (the speed it measures is only as good as it).</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string DeviceId { get; set; } = "";

    [Range(1, 16)]
    public int Lane { get; set; } = 1;

    /// <summary>GPIO line of the leading loop's detector output.</summary>
    [Range(0, 1023)]
    public int LeadingPin { get; set; }

    [Range(0, 1023)]
    public int TrailingPin { get; set; }

    /// <summary>Leading edge to leading edge, measured on the road. 4.5 m with 2 m loops is a common speed-trap
    /// layout; the real value comes from the site survey.</summary>
    [Range(0.5, 30)]
    public double LoopSpacingMetres { get; set; } = 4.5;

    /// <summary>Each loop's length along the direction of travel (its detection zone).</summary>
    [Range(0.3, 10)]
    public double LoopLengthMetres { get; set; } = 2.0;
}
