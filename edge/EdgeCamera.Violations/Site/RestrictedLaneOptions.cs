using EdgeCamera.Hardware.Loops;

namespace EdgeCamera.Violations.Site;

/// <summary>A bus (or otherwise restricted) lane: when it is restricted and who may use it then.</summary>
public sealed class RestrictedLaneOptions
{
    /// <summary>For the evidence, e.g. "Bus".</summary>
    public string Kind { get; set; } = "Bus";

    public List<ScheduleWindowOptions> Windows { get; set; } = [];

    /// <summary>Length classes allowed in the lane while restricted (buses are long vehicles to a loop pair).</summary>
    public List<VehicleLengthClass> ExemptClasses { get; set; } = [];

    public bool IsRestrictedAt(DateTime local) => Windows.Any(w => w.Contains(local));
}
