using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.WatchList;

namespace EdgeCamera.Violations.Rules;

/// <summary>Watch-list hit: the read matches a wanted plate (tolerant of OCR confusions). A hit, never a fine.</summary>
public sealed class WatchListRule : IViolationRule
{
    private readonly PlateWatchList _list;
    private readonly EnforcementOptions _options;
    private readonly RuleStats _stats;

    public WatchListRule(PlateWatchList list, EnforcementOptions options, RuleStats stats)
    {
        _list = list;
        _options = options;
        _stats = stats;
    }

    public string TypeCode => TypeCodes.WatchListHit;

    public RuleOutcome Evaluate(VehiclePassage passage)
    {
        if (passage.Confidence < _options.WatchListMinConfidence)
        {
            return RuleOutcome.NotApplicable(TypeCode, "read too uncertain to match");
        }

        if (!_list.TryMatch(passage.PlateText, passage.Country, out var match))
        {
            return RuleOutcome.Compliant(TypeCode, "not on the watch list");
        }

        _stats.WatchListHit();
        return RuleOutcome.Found(new Violation
        {
            TypeCode = TypeCode,
            Kind = ViolationKind.WatchListHit,
            EventId = passage.EventId,
            PlateText = passage.PlateText,
            Country = passage.Country,
            LaneId = passage.LaneId,
            Frames = [new FrameRef("best", passage.BestFrameSequence)],
            Detail = $"{(match.Exact ? "matches" : "matches allowing OCR confusions")} {match.Entry.Plate} on list '{match.Entry.ListName}' (version {_list.Version}): {match.Entry.Reason}",
        });
    }
}
