using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Violations;

/// <summary>The "Hardware" config section: which devices the violation rules get their measurements from.</summary>
public sealed class HardwareOptions : IValidatableObject
{
    public const string Section = "Hardware";

    public HardwareMode Mode { get; set; } = HardwareMode.None;

    /// <summary>Simulated mode: the simulated camera's groundtruth.json (hardware/simcam). Empty: the simulated devices
    /// stay silent. A path that cannot be read stops start-up.</summary>
    public string GroundTruthPath { get; set; } = "";

    /// <summary>A loop passage or radar reading belongs to a vehicle when it falls within this long of the vehicle's time
    /// in the picture (the loops and the radar's beam lie inside the camera's view; 1 s covers the decoder's latency).</summary>
    public TimeSpan SensorMatchWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the sensors' queues are drained (and a scenario pumped): 20 ms is half a frame at 25 fps.</summary>
    public TimeSpan PumpInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>GPIO mode: delay before the radar's serial port is reopened after it closed or failed.</summary>
    public TimeSpan RadarReopenDelay { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SensorMatchWindow < TimeSpan.Zero || SensorMatchWindow > TimeSpan.FromSeconds(10))
        {
            yield return new ValidationResult("SensorMatchWindow must be between 0 and 10 s", [nameof(SensorMatchWindow)]);
        }

        if (PumpInterval < TimeSpan.FromMilliseconds(1) || PumpInterval > TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("PumpInterval must be between 1 ms and 1 s", [nameof(PumpInterval)]);
        }

        if (RadarReopenDelay <= TimeSpan.Zero)
        {
            yield return new ValidationResult("RadarReopenDelay must be positive", [nameof(RadarReopenDelay)]);
        }

        if (Mode == HardwareMode.Simulated && GroundTruthPath.Length > 0 && !File.Exists(GroundTruthPath))
        {
            yield return new ValidationResult($"GroundTruthPath '{GroundTruthPath}' does not exist", [nameof(GroundTruthPath)]);
        }
    }
}
