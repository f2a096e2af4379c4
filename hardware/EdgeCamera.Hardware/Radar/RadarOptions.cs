using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Radar;

/// <summary>The "Radar" config section: the serial port the speed radar talks on.</summary>
public sealed class RadarOptions
{
    public const string Section = "Radar";

    /// <summary>Id of the radar in the calibration register.</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string DeviceId { get; set; } = "RADAR-1";

    [Required]
    public string PortName { get; set; } = "/dev/ttyUSB0";

    /// <summary>9600 8N1 is the usual default of traffic radars' RS-232 output; set what the radar is set to.</summary>
    [Range(1200, 921600)]
    public int BaudRate { get; set; } = 9600;

    /// <summary>No byte for this long ends the session so that the caller reopens the port.</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
