using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Site;

namespace EdgeCamera.Violations.Rules;

/// <summary>
/// Wrong way: the vehicle moved against its lane's direction. The tracker's direction is used when it gave one;
/// else the trajectory decides, for a camera looking along the road: the reference point moving down the image is
/// approaching, up is receding, and it must move at least <see cref="EnforcementOptions.WrongWayMinTravelPx"/>; its plate
/// must grow (approaching) or shrink (receding) by at least 10 % as well, else the direction is unknown.
/// </summary>
public sealed class WrongWayRule : IViolationRule
{
    private readonly LaneLocator _lanes;
    private readonly EnforcementOptions _options;

    public WrongWayRule(LaneLocator lanes, EnforcementOptions options)
    {
        _lanes = lanes;
        _options = options;
    }

    public string TypeCode => TypeCodes.WrongWay;

    public RuleOutcome Evaluate(VehiclePassage passage)
    {
        if (!_lanes.TryLocate(passage, out var lane))
        {
            return RuleOutcome.NotApplicable(TypeCode, "lane unknown");
        }

        var direction = passage.Direction != PassageDirection.Unknown ? passage.Direction : FromTrajectory(passage.Trajectory);
        if (direction == PassageDirection.Unknown)
        {
            return RuleOutcome.NotApplicable(TypeCode, "direction unknown");
        }

        var lawful = lane.Direction == LaneDirection.Approaching ? PassageDirection.Approaching : PassageDirection.Receding;
        if (direction == lawful)
        {
            return RuleOutcome.Compliant(TypeCode, $"{direction} as lane {lane.Id} runs");
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
            Detail = $"{direction} in lane {lane.Id}, which runs {lane.Direction}",
        });
    }

    private PassageDirection FromTrajectory(IReadOnlyList<TrajectoryPoint> track)
    {
        if (track.Count < 2)
        {
            return PassageDirection.Unknown;
        }

        var dy = track[^1].Ground.Y - track[0].Ground.Y;
        var moved = Math.Abs(dy) < _options.WrongWayMinTravelPx ? PassageDirection.Unknown
            : dy > 0 ? PassageDirection.Approaching
            : PassageDirection.Receding;

        // The plate must also grow (approaching) or shrink (receding) by the same token: a plate box that only rose over
        // a road crest, or a track that jumped, moves up the image while its plate grows (the doubt goes to the driver).
        var growth = (double)track[^1].Width / Math.Max(1, track[0].Width);
        var sized = growth >= MinSizeChange ? PassageDirection.Approaching
            : growth <= 1 / MinSizeChange ? PassageDirection.Receding
            : PassageDirection.Unknown;
        return moved == sized ? moved : PassageDirection.Unknown;
    }

    /// <summary>10 %: well above the frame-to-frame jitter of a plate box's width (±2 px on ~90 px in the simulated
    /// camera's groundtruth.json), well below a passage's change (~90 → ~300 px).</summary>
    private const double MinSizeChange = 1.10;
}
