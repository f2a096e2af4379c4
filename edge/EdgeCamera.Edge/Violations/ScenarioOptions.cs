using System.ComponentModel.DataAnnotations;
using EdgeCamera.Hardware.Scenario;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// The "Scenario" config section (simulated hardware only): what the simulated camera's ground truth does not say —
/// each vehicle's speed (by its ground-truth id), what the radar reports, where the loops are along a track, and the
/// signal plan. Becomes a <see cref="ScenarioPlan"/>.
/// </summary>
public sealed class ScenarioOptions : IValidatableObject
{
    public const string Section = "Scenario";

    [Range(1, 300)]
    public double DefaultSpeedKmh { get; set; } = 60;

    /// <summary>Ground-truth vehicle id → speed.</summary>
    public Dictionary<int, double> SpeedKmhByVehicle { get; set; } = [];

    /// <summary>Ground-truth vehicle id → what the radar reports instead of the true speed (sensor disagreement).</summary>
    public Dictionary<int, double> RadarSpeedKmhByVehicle { get; set; } = [];

    /// <summary>Ground-truth vehicle ids the radar misses.</summary>
    public List<int> RadarMisses { get; set; } = [];

    [Range(0.0, 1.0)]
    public double LoopAtTrackFraction { get; set; } = 0.8;

    public List<SignalPlanOptions> Signals { get; set; } = [];

    /// <summary>Play again each time the clip loops (the simulated camera loops its clip).</summary>
    public bool Repeat { get; set; } = true;

    public ScenarioPlan ToPlan() => new()
    {
        DefaultSpeedKmh = DefaultSpeedKmh,
        SpeedKmhByVehicle = SpeedKmhByVehicle,
        RadarSpeedKmhByVehicle = RadarSpeedKmhByVehicle,
        RadarMisses = RadarMisses.ToHashSet(),
        LoopAtTrackFraction = LoopAtTrackFraction,
        Signals = [.. Signals.Select(s => s.ToPlan())],
        Repeat = Repeat,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SpeedKmhByVehicle.Values.Concat(RadarSpeedKmhByVehicle.Values).Any(v => v is <= 0 or > 300))
        {
            yield return new ValidationResult("speeds must be between 0 and 300 km/h", [nameof(SpeedKmhByVehicle)]);
        }

        for (var i = 0; i < Signals.Count; i++)
        {
            var s = Signals[i];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(s, new ValidationContext(s), results, validateAllProperties: true))
            {
                foreach (var r in results)
                {
                    yield return new ValidationResult($"Signals[{i}]: {r.ErrorMessage}", [nameof(Signals)]);
                }
            }

            if (s.Green < TimeSpan.Zero || s.Amber < TimeSpan.Zero || s.Red < TimeSpan.Zero || s.Green + s.Amber + s.Red <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Signals[{i}]: phases must not be negative and the cycle must be positive", [nameof(Signals)]);
            }
        }
    }
}
