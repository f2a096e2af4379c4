using EdgeCamera.Hardware.Signals;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Rules;

namespace EdgeCamera.Violations.Tests;

public sealed class RedLightRuleTests
{
    private readonly TestSite _site = new();

    /// <summary>Frames 0–39, 40 ms apart; the reference point moves 20 px a frame from y = 630, so it is at 790 in frame 8
    /// (320 ms) and 810 in frame 9: the stop line (y = 800) is crossed between them.</summary>
    private IReadOnlyList<TrajectoryPoint> Crossing() => [.. Enumerable.Range(0, 40).Select(i => _site.Point(i, 630 + (20 * i)))];

    private static readonly TimeSpan LastFrameBeforeLine = TimeSpan.FromMilliseconds(320);

    private VehiclePassage Passage(params SignalState[] phases) =>
        _site.Passage(track: Crossing(), sensors: new SensorContext(null, null, phases));

    [Fact]
    public void Crossing_well_into_red_is_a_violation_with_the_frames_before_at_and_after_the_line()
    {
        var outcome = _site.RedLight().Evaluate(Passage(
            _site.Phase(SignalPhase.Amber, TimeSpan.FromSeconds(-4)),
            _site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(-1))));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        var v = outcome.Violation!;
        Assert.Equal("RLT", v.TypeCode);
        Assert.Equal(SignalPhase.Red, v.SignalPhase);
        Assert.Equal(TimeSpan.FromMilliseconds(1320), v.TimeSinceRed);
        Assert.Equal(TimeSpan.FromMilliseconds(500), v.AmberGrace);
        Assert.Equal([new FrameRef("before", 8), new FrameRef("at", 9), new FrameRef("after", 34)], v.Frames);
    }

    [Fact]
    public void Crossing_exactly_at_the_end_of_amber_is_not_a_violation_even_without_grace()
    {
        _site.Enforcement.AmberGrace = TimeSpan.Zero;

        var outcome = _site.RedLight().Evaluate(Passage(
            _site.Phase(SignalPhase.Amber, TimeSpan.FromSeconds(-3)),
            _site.Phase(SignalPhase.Red, LastFrameBeforeLine)));

        Assert.Equal(RuleVerdict.Compliant, outcome.Verdict);
    }

    [Fact]
    public void Without_grace_red_that_began_a_moment_before_the_crossing_is_a_violation()
    {
        _site.Enforcement.AmberGrace = TimeSpan.Zero;

        var outcome = _site.RedLight().Evaluate(Passage(_site.Phase(SignalPhase.Red, LastFrameBeforeLine - TimeSpan.FromMilliseconds(1))));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal(TimeSpan.FromMilliseconds(1), outcome.Violation!.TimeSinceRed);
    }

    [Fact]
    public void Crossing_exactly_at_the_end_of_the_grace_is_not_a_violation_and_a_millisecond_later_is()
    {
        var grace = _site.Enforcement.AmberGrace;
        var rule = _site.RedLight();

        var atGrace = rule.Evaluate(Passage(_site.Phase(SignalPhase.Red, LastFrameBeforeLine - grace)));
        var pastGrace = rule.Evaluate(Passage(_site.Phase(SignalPhase.Red, LastFrameBeforeLine - grace - TimeSpan.FromMilliseconds(1))));

        Assert.Equal(RuleVerdict.Compliant, atGrace.Verdict);
        Assert.Equal(RuleVerdict.Violation, pastGrace.Verdict);
    }

    [Fact]
    public void Crossing_on_green_or_amber_is_compliant()
    {
        var rule = _site.RedLight();

        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(Passage(_site.Phase(SignalPhase.Green, TimeSpan.FromSeconds(-10)))).Verdict);
        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(Passage(
            _site.Phase(SignalPhase.Green, TimeSpan.FromSeconds(-10)),
            _site.Phase(SignalPhase.Amber, TimeSpan.FromMilliseconds(100)),
            _site.Phase(SignalPhase.Red, TimeSpan.FromMilliseconds(330)))).Verdict);
    }

    [Fact]
    public void A_red_that_began_after_the_crossing_does_not_count_and_unknown_signal_gives_no_violation()
    {
        var rule = _site.RedLight();

        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(Passage()).Verdict);
        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(Passage(_site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(1)))).Verdict);
        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(Passage(_site.Phase(SignalPhase.Unknown, TimeSpan.FromSeconds(-5)))).Verdict);
        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(Passage(_site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(-5), approach: "south"))).Verdict);
    }

    [Fact]
    public void A_vehicle_crossing_the_stop_line_against_the_lanes_direction_on_red_is_left_to_the_wrong_way_rule()
    {
        var backwards = Crossing().Reverse().Select((p, i) => p with { FrameSequence = i, Timestamp = _site.Point(i, 0).Timestamp, Width = 200 - (2 * i) }).ToList();
        var phases = new SensorContext(null, null, [_site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(-5))]);

        var outcome = _site.RedLight().Evaluate(_site.Passage(track: backwards, sensors: phases));
        var wrongWay = _site.WrongWay().Evaluate(_site.Passage(track: backwards, sensors: phases));

        Assert.Equal(RuleVerdict.NotApplicable, outcome.Verdict);
        Assert.Equal(RuleVerdict.Violation, wrongWay.Verdict);
    }

    [Fact]
    public void A_vehicle_that_stops_before_the_line_on_red_is_not_judged()
    {
        IReadOnlyList<TrajectoryPoint> stopping = [.. Enumerable.Range(0, 20).Select(i => _site.Point(i, 600 + (5 * i)))];

        var outcome = _site.RedLight().Evaluate(_site.Passage(track: stopping, sensors: new SensorContext(null, null, [_site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(-5))])));

        Assert.Equal(RuleVerdict.NotApplicable, outcome.Verdict);
    }

    [Fact]
    public void A_lane_without_a_stop_line_has_no_red_light_rule()
    {
        var outcome = _site.RedLight().Evaluate(_site.Passage(lane: 2, track: Crossing(), sensors: new SensorContext(null, null, [_site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(-5))])));

        Assert.Equal(RuleVerdict.NotApplicable, outcome.Verdict);
    }

    [Fact]
    public void When_the_crossing_is_near_the_end_of_the_track_the_after_frame_is_the_last_one()
    {
        IReadOnlyList<TrajectoryPoint> shortTrack = [.. Crossing().Take(12)];

        var outcome = _site.RedLight().Evaluate(_site.Passage(track: shortTrack, sensors: new SensorContext(null, null, [_site.Phase(SignalPhase.Red, TimeSpan.FromSeconds(-5))])));

        Assert.Equal(new FrameRef("after", 11), outcome.Violation!.Frames[2]);
    }
}
