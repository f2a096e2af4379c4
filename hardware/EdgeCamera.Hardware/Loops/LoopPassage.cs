namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// One vehicle measured by a lane's loop pair.
/// </summary>
/// <param name="DeviceId">The loop pair's id in the calibration register.</param>
/// <param name="SpeedKmh">Mean of the speed between the two loops' rising edges and between their falling edges.</param>
/// <param name="LeadingOccupancy">How long the leading loop was occupied.</param>
/// <param name="VehicleLengthMetres">Speed × leading occupancy − loop length (the detection zone's length).</param>
/// <param name="LeadingOnTimestamp">Monotonic time the vehicle's front reached the leading loop.</param>
/// <param name="TrailingOffTimestamp">Monotonic time the vehicle's rear left the trailing loop.</param>
public sealed record LoopPassage(
    string DeviceId,
    int Lane,
    double SpeedKmh,
    TimeSpan LeadingOccupancy,
    double VehicleLengthMetres,
    VehicleLengthClass LengthClass,
    long LeadingOnTimestamp,
    long TrailingOffTimestamp);
