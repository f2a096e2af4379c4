using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// Upper length limit of each class; longer than <see cref="MediumMaxMetres"/> is <see cref="VehicleLengthClass.Long"/>.
/// Defaults follow the FHWA Traffic Monitoring Guide's length bins (motorcycle under 7 ft ≈ 2.1 m, short vehicle
/// under 21.5 ft ≈ 6.6 m, medium under 49 ft ≈ 14.9 m); the authority may set its own.
/// </summary>
public sealed class LengthClassBoundaries
{
    [Range(0.5, 5)]
    public double MotorcycleMaxMetres { get; set; } = 2.1;

    [Range(2, 12)]
    public double CarMaxMetres { get; set; } = 6.6;

    [Range(4, 30)]
    public double MediumMaxMetres { get; set; } = 14.9;

    public VehicleLengthClass Classify(double lengthMetres) => lengthMetres switch
    {
        <= 0 or double.NaN => VehicleLengthClass.Unknown,
        _ when lengthMetres < MotorcycleMaxMetres => VehicleLengthClass.Motorcycle,
        _ when lengthMetres < CarMaxMetres => VehicleLengthClass.Car,
        _ when lengthMetres < MediumMaxMetres => VehicleLengthClass.Medium,
        _ => VehicleLengthClass.Long,
    };
}
