using EdgeCamera.Hardware.Radar;

namespace EdgeCamera.Hardware.Scenario;

/// <summary>
/// A vehicle whose front reaches its lane's leading loop at <paramref name="At"/>, driving at
/// <paramref name="SpeedKmh"/>. The loops see it at that speed; the radar reports <paramref name="RadarSpeedKmh"/>
/// (the same speed normally; another value makes the sensors disagree; null: the radar misses it).
/// </summary>
public sealed record VehiclePassEvent(
    TimeSpan At,
    int Lane,
    double SpeedKmh,
    double LengthMetres,
    RadarDirection Direction,
    double? RadarSpeedKmh,
    int? GroundTruthVehicleId = null) : ScenarioEvent(At);
