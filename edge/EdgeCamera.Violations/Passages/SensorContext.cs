using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;

namespace EdgeCamera.Violations.Passages;

/// <summary>
/// What the roadside sensors said about this vehicle: its loop-pair passage and radar reading (each matched by lane
/// and time by whoever builds the passage; null when none), and the signal phases of its lane's approach over its
/// time in the picture (<see cref="ISignalMonitor.PhasesBetween"/>).
/// </summary>
public sealed record SensorContext(LoopPassage? Loop, RadarReading? Radar, IReadOnlyList<SignalState> SignalPhases)
{
    public static SensorContext None { get; } = new(null, null, []);
}
