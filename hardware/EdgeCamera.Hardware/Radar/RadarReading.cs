namespace EdgeCamera.Hardware.Radar;

/// <summary>
/// One target measured by the speed radar.
/// </summary>
/// <param name="DeviceId">The radar's id in the calibration register.</param>
/// <param name="QualityPercent">The radar's own confidence in the measurement, 0–99.</param>
/// <param name="Timestamp">Monotonic time the sentence's last byte arrived (<see cref="TimeProvider.GetTimestamp"/> units).</param>
public sealed record RadarReading(
    string DeviceId,
    int Lane,
    double SpeedKmh,
    RadarDirection Direction,
    int QualityPercent,
    long Timestamp);
