using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;

namespace EdgeCamera.Hardware.Scenario;

/// <summary>
/// Turns the simulated camera's ground truth plus a <see cref="ScenarioPlan"/> into a scenario, so that the loops,
/// the radar and the signal agree with the video: the same vehicles in the same lanes at the moments the clip shows
/// them, and a signal plan on the clip's clock (frame n is at n ÷ fps).
/// </summary>
public static class GroundTruthScenario
{
    public static SimulationScenario Build(SimcamGroundTruth truth, ScenarioPlan plan)
    {
        var duration = truth.FrameTime(truth.Frames);
        var events = new List<ScenarioEvent>();
        foreach (var v in truth.Vehicles)
        {
            var frame = v.FirstFrame + (plan.LoopAtTrackFraction * (v.LastFrame - v.FirstFrame));
            var speed = plan.SpeedKmhByVehicle.TryGetValue(v.Id, out var s) ? s : plan.DefaultSpeedKmh;
            double? radar = plan.RadarMisses.Contains(v.Id) ? null
                : plan.RadarSpeedKmhByVehicle.TryGetValue(v.Id, out var r) ? r : speed;
            var length = plan.LengthMetresByKind.TryGetValue(v.Kind ?? "", out var l) ? l : plan.DefaultLengthMetres;
            events.Add(new VehiclePassEvent(truth.FrameTime(frame), v.Lane, speed, length, DirectionOf(v), radar, v.Id));
        }

        foreach (var signal in plan.Signals)
        {
            events.AddRange(SignalEvents(signal, duration));
        }

        return new SimulationScenario(events, duration, plan.Repeat);
    }

    /// <summary>"approaching" (front plates, towards the camera) or anything else (departing).</summary>
    public static RadarDirection DirectionOf(SimcamVehicle v) =>
        string.Equals(v.Direction, "approaching", StringComparison.Ordinal) ? RadarDirection.Approaching : RadarDirection.Receding;

    /// <summary>The phase in force at the clip's start, then every change before <paramref name="duration"/>.</summary>
    public static IEnumerable<SignalPhaseEvent> SignalEvents(SignalPlan plan, TimeSpan duration)
    {
        if (plan.Cycle <= TimeSpan.Zero)
        {
            yield break;
        }

        // Move the cycle's start to at or before 0 so that the first cycle covers the clip's start.
        var cycleStart = plan.GreenStartsAt - (plan.Cycle * Math.Ceiling(plan.GreenStartsAt / plan.Cycle));
        var maxCycles = (int)Math.Ceiling(duration / plan.Cycle) + 2;
        for (var i = 0; i < maxCycles && cycleStart < duration; i++, cycleStart += plan.Cycle)
        {
            (TimeSpan Start, TimeSpan End, SignalPhase Phase)[] phases =
            [
                (cycleStart, cycleStart + plan.Green, SignalPhase.Green),
                (cycleStart + plan.Green, cycleStart + plan.Green + plan.Amber, SignalPhase.Amber),
                (cycleStart + plan.Green + plan.Amber, cycleStart + plan.Cycle, SignalPhase.Red),
            ];
            foreach (var (start, end, phase) in phases)
            {
                if (end > TimeSpan.Zero && start < duration && end > start)
                {
                    yield return new SignalPhaseEvent(start < TimeSpan.Zero ? TimeSpan.Zero : start, plan.Approach, phase);
                }
            }
        }
    }
}
