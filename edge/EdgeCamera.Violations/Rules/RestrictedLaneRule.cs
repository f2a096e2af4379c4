using System.Globalization;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Site;

namespace EdgeCamera.Violations.Rules;

/// <summary>
/// Restricted (bus) lane: a vehicle in a restricted lane while its weekly schedule, in the site's local time, says
/// restricted; vehicles of an exempt length class (buses) are allowed, and where the lane exempts any class a vehicle the
/// loops did not measure is not judged (it may be exempt). The time judged is the last sighting.
/// </summary>
public sealed class RestrictedLaneRule : IViolationRule
{
    private readonly LaneLocator _lanes;
    private readonly SiteClock _clock;

    public RestrictedLaneRule(LaneLocator lanes, SiteClock clock)
    {
        _lanes = lanes;
        _clock = clock;
    }

    public string TypeCode => TypeCodes.RestrictedLane;

    public RuleOutcome Evaluate(VehiclePassage passage)
    {
        if (!_lanes.TryLocate(passage, out var lane) || lane.Restricted is not { } restricted)
        {
            return RuleOutcome.NotApplicable(TypeCode, "not a restricted lane");
        }

        var local = _clock.ToLocal(passage.LastSeenUtc);
        if (!restricted.IsRestrictedAt(local))
        {
            return RuleOutcome.Compliant(TypeCode, "outside the restricted hours");
        }

        var lengthClass = passage.Sensors.Loop is { } loop && loop.Lane == lane.Id ? loop.LengthClass : VehicleLengthClass.Unknown;
        if (restricted.ExemptClasses.Contains(lengthClass))
        {
            return RuleOutcome.Compliant(TypeCode, $"exempt class {lengthClass}");
        }

        if (lengthClass == VehicleLengthClass.Unknown && restricted.ExemptClasses.Count > 0)
        {
            // No loop passage measured it: it may be one of the vehicles allowed in the lane, and the doubt goes to the driver.
            return RuleOutcome.NotApplicable(TypeCode, "length class unknown: an exempt vehicle cannot be ruled out");
        }

        return RuleOutcome.Found(new Violation
        {
            TypeCode = TypeCode,
            Kind = ViolationKind.Offence,
            EventId = passage.EventId,
            PlateText = passage.PlateText,
            Country = passage.Country,
            LaneId = lane.Id,
            Frames =
            [
                new FrameRef("first", passage.FirstFrameSequence),
                new FrameRef("best", passage.BestFrameSequence),
                new FrameRef("last", passage.LastFrameSequence),
            ],
            Detail = string.Create(
                CultureInfo.InvariantCulture,
                $"in {restricted.Kind} lane {lane.Id} at {local:dddd HH:mm:ss} local time, during its restricted hours"),
        });
    }
}
