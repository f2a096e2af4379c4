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

    /// <summary>The plate text does not fit a full plate of its country (a fragment the reader got, or no known format
    /// and too short): kept for manual review, never fined.</summary>
    PlateReadIncomplete = 16,

    /// <summary>The plate's vote confidence is under the configured floor: kept for manual review, never fined.</summary>
    PlateReadLowConfidence = 32,
}
