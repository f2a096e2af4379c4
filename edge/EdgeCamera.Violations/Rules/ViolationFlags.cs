namespace EdgeCamera.Violations.Rules;

/// <summary>Why a violation's measurement is kept but not enforced.</summary>
[Flags]
public enum ViolationFlags
{
    None = 0,
    CalibrationExpired = 1,
    CalibrationUnknown = 2,
    CalibrationNotYetValid = 4,
    SensorDisagreement = 8,
}
