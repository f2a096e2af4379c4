using System.ComponentModel.DataAnnotations;
using EdgeCamera.Hardware.Loops;

namespace EdgeCamera.Violations.Site;

/// <summary>A lane's limit for a vehicle class (null class: every class without its own entry).</summary>
public sealed class SpeedLimitOptions
{
    public VehicleLengthClass? VehicleClass { get; set; }

    [Range(5, 250)]
    public double LimitKmh { get; set; }

    /// <summary>Enforcement tolerance: a violation needs a measured speed strictly above limit + tolerance.</summary>
    [Range(0, 50)]
    public double ToleranceKmh { get; set; }
}
