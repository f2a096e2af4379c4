namespace EdgeCamera.Violations.Calibration;

public enum CalibrationStatus
{
    Valid,

    /// <summary>No certificate for the device.</summary>
    Unknown,

    /// <summary>The certificate ran out before the measurement's date.</summary>
    Expired,

    /// <summary>The measurement predates the calibration.</summary>
    NotYetValid,
}
