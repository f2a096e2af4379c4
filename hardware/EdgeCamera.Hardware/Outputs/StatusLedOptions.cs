using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Outputs;

/// <summary>The "StatusLed" config section.</summary>
public sealed class StatusLedOptions
{
    public const string Section = "StatusLed";

    [Range(0, 1023)]
    public int Pin { get; set; }

    public bool ActiveHigh { get; set; } = true;

    /// <summary>Half period of the slow blink (1 Hz) and of the fast blink (4 Hz).</summary>
    public TimeSpan SlowHalfPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan FastHalfPeriod { get; set; } = TimeSpan.FromMilliseconds(125);
}
