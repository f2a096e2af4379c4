using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Calibration;

/// <summary>The calibration certificate of one measuring device (radar or loop pair).</summary>
public sealed class CalibrationRecordOptions
{
    /// <summary>The device's id, as its readings carry it (RadarOptions.DeviceId, LoopPairOptions.DeviceId).</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string DeviceId { get; set; } = "";

    /// <summary>The certificate's number (what the evidence cites as the calibration id).</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string CertificateId { get; set; } = "";

    public DateOnly CalibratedOn { get; set; }

    /// <summary>The body that calibrated it (metrology authority or accredited lab).</summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Authority { get; set; } = "";

    /// <summary>Last day (site local) the calibration is valid.</summary>
    public DateOnly ExpiresOn { get; set; }
}
