using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Signals;

/// <summary>One approach's lamp-monitor inputs (opto-isolated from the signal controller's lamp circuits).</summary>
public sealed class SignalApproachOptions
{
    [Required]
    [StringLength(32, MinimumLength = 1)]
    public string Name { get; set; } = "";

    [Range(0, 1023)]
    public int RedPin { get; set; }

    [Range(0, 1023)]
    public int AmberPin { get; set; }

    [Range(0, 1023)]
    public int GreenPin { get; set; }
}
