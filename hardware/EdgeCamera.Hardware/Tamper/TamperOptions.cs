namespace EdgeCamera.Hardware.Tamper;

/// <summary>The "Tamper" config section.</summary>
public sealed class TamperOptions
{
    public const string Section = "Tamper";

    /// <summary>GPIO line of the door switch: normally closed to ground with the pull-up on, so an open door and a
    /// cut wire both read high (fail-safe).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1023)]
    public int Pin { get; set; }

    /// <summary>A new level counts once it has held this long (mechanical switches bounce for milliseconds).</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(50);
}
