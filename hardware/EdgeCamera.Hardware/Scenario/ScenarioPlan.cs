namespace EdgeCamera.Hardware.Scenario;

/// <summary>
/// What the ground truth does not say and a scenario needs: how fast each vehicle drives, what the radar reports,
/// how long the vehicles are, where along its visible track a vehicle reaches the loops, and the signal's plan.
/// </summary>
public sealed record ScenarioPlan
{
    /// <summary>Speed of every vehicle not named in <see cref="SpeedKmhByVehicle"/>.</summary>
    public double DefaultSpeedKmh { get; init; } = 60;

    public IReadOnlyDictionary<int, double> SpeedKmhByVehicle { get; init; } = new Dictionary<int, double>();

    /// <summary>What the radar reports for a vehicle when it is not its true speed (sensor disagreement).</summary>
    public IReadOnlyDictionary<int, double> RadarSpeedKmhByVehicle { get; init; } = new Dictionary<int, double>();

    /// <summary>Vehicles the radar misses.</summary>
    public IReadOnlySet<int> RadarMisses { get; init; } = new HashSet<int>();

    /// <summary>Body lengths of the simulated camera's vehicle kinds (hardware/simcam/vehicles.py; judgement).</summary>
    public IReadOnlyDictionary<string, double> LengthMetresByKind { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["sedan"] = 4.7,
        ["suv"] = 4.9,
        ["truck"] = 7.5,
    };

    public double DefaultLengthMetres { get; init; } = 4.7;

    /// <summary>The vehicle reaches the leading loop this far along its visible track (0 = first frame with a plate box,
    /// 1 = last).</summary>
    public double LoopAtTrackFraction { get; init; } = 0.8;

    public IReadOnlyList<SignalPlan> Signals { get; init; } = [];

    /// <summary>Play again each time the clip loops.</summary>
    public bool Repeat { get; init; } = true;
}
