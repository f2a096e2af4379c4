namespace EdgeCamera.Hardware.Loops;

/// <summary>Length bins a loop pair can tell apart (see <see cref="LengthClassBoundaries"/> for the limits).</summary>
public enum VehicleLengthClass
{
    Unknown,
    Motorcycle,
    Car,
    Medium,
    Long,
}
