using System.Globalization;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Passages;

namespace EdgeCamera.Violations.Rules;

/// <summary>
/// Red light: the vehicle's reference point (plate box bottom centre) crosses the lane's stop line while the
/// approach shows red, moving the lane's way (image y growing for an approaching lane), more than <see cref="EnforcementOptions.AmberGrace"/> after red began. The crossing time is
/// the last frame before the line (the earliest the crossing can have happened: the doubt goes to the driver).
/// Evidence frames: before (last frame before the line), at (first frame past it), after (the first frame
/// <see cref="EnforcementOptions.RedLightAfterDelay"/> later, else the last).
/// </summary>
public sealed class RedLightRule : IViolationRule
{
    private readonly LaneLocator _lanes;
    private readonly EnforcementOptions _options;
    private readonly TimeProvider _time;

    public RedLightRule(LaneLocator lanes, EnforcementOptions options, TimeProvider time)
    {
        _lanes = lanes;
        _options = options;
        _time = time;
    }

    public string TypeCode => TypeCodes.RedLight;

    public RuleOutcome Evaluate(VehiclePassage passage)
    {
        if (!_lanes.TryLocate(passage, out var lane) || lane.StopLine is null || lane.SignalApproach is null)
        {
            return RuleOutcome.NotApplicable(TypeCode, "no stop line in this lane");
        }

        var stopLine = lane.StopLine.ToSegment();
        var track = passage.Trajectory;
        var crossing = -1;
        for (var i = 0; i + 1 < track.Count; i++)
        {
            // Only a crossing in the lane's direction runs the light (a wrong-way vehicle is the wrong-way rule's).
            var forward = lane.Direction == Site.LaneDirection.Approaching
                ? track[i + 1].Ground.Y > track[i].Ground.Y
                : track[i + 1].Ground.Y < track[i].Ground.Y;
            if (forward && new Geometry.LineSegment(track[i].Ground, track[i + 1].Ground).Intersects(stopLine))
            {
                crossing = i;
                break;
            }
        }

        if (crossing < 0)
        {
            return RuleOutcome.NotApplicable(TypeCode, "did not cross the stop line in view in the lane's direction");
        }

        var before = track[crossing];
        var at = track[crossing + 1];
        if (!TryPhaseAt(passage.Sensors.SignalPhases, lane.SignalApproach, before.Timestamp, out var phase))
        {
            return RuleOutcome.NotApplicable(TypeCode, "signal phase unknown at the crossing");
        }

        if (phase.Phase != SignalPhase.Red)
        {
            return RuleOutcome.Compliant(TypeCode, $"crossed on {phase.Phase}");
        }

        var sinceRed = phase.TimeInPhase(_time, before.Timestamp);
        if (sinceRed <= _options.AmberGrace)
        {
            return RuleOutcome.Compliant(TypeCode, string.Create(
                CultureInfo.InvariantCulture, $"crossed {sinceRed.TotalMilliseconds:0} ms into red, within the grace"));
        }

        var after = track.Skip(crossing + 1).FirstOrDefault(
            p => _time.GetElapsedTime(at.Timestamp, p.Timestamp) >= _options.RedLightAfterDelay,
            track[^1]);
        return RuleOutcome.Found(new Violation
        {
            TypeCode = TypeCode,
            Kind = ViolationKind.Offence,
            EventId = passage.EventId,
            PlateText = passage.PlateText,
            Country = passage.Country,
            LaneId = lane.Id,
            SignalPhase = SignalPhase.Red,
            TimeSinceRed = sinceRed,
            AmberGrace = _options.AmberGrace,
            Frames =
            [
                new FrameRef("before", before.FrameSequence),
                new FrameRef("at", at.FrameSequence),
                new FrameRef("after", after.FrameSequence),
            ],
            Detail = string.Create(
                CultureInfo.InvariantCulture,
                $"crossed the stop line of lane {lane.Id} {sinceRed.TotalSeconds:0.00} s after red began (grace {_options.AmberGrace.TotalSeconds:0.00} s)"),
        });
    }

    private static bool TryPhaseAt(IReadOnlyList<SignalState> phases, string approach, long timestamp, out SignalState state)
    {
        state = default;
        var found = false;
        foreach (var s in phases)
        {
            if (string.Equals(s.Approach, approach, StringComparison.Ordinal) && s.SinceTimestamp <= timestamp
                && (!found || s.SinceTimestamp >= state.SinceTimestamp))
            {
                state = s;
                found = true;
            }
        }

        return found;
    }
}
