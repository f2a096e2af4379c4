using EdgeCamera.Hardware.Loops;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Rules;

namespace EdgeCamera.Violations.Tests;

/// <summary>Restricted (bus) lane and wrong way.</summary>
public sealed class LaneRuleTests
{
    private readonly TestSite _site = new();

    // Wednesday 25 November 2026 in Riyadh (UTC+3); the bus lane is restricted Sunday–Thursday 06:30–09:00.
    private static DateTimeOffset Riyadh(int hour, int minute, int second = 0, int day = 25) =>
        new(2026, 11, day, hour, minute, second, TimeSpan.FromHours(3));

    /// <summary>A car-length passage over lane 2's loops.</summary>
    private static SensorContext Car => new(TestSite.Loop(50, lane: 2, lengthClass: VehicleLengthClass.Car, device: "LOOP-L2"), null, []);

    [Fact]
    public void A_car_in_the_bus_lane_during_its_hours_is_a_violation()
    {
        var outcome = _site.RestrictedLane().Evaluate(_site.Passage(lane: 2, utc: Riyadh(7, 45), sensors: Car));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal(("BUS", 2), (outcome.Violation!.TypeCode, outcome.Violation.LaneId));
        Assert.Contains("Wednesday 07:45:00", outcome.Violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_restricted_window_includes_its_start_and_excludes_its_end()
    {
        var rule = _site.RestrictedLane();

        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(_site.Passage(lane: 2, utc: Riyadh(6, 29, 59), sensors: Car)).Verdict);
        Assert.Equal(RuleVerdict.Violation, rule.Evaluate(_site.Passage(lane: 2, utc: Riyadh(6, 30), sensors: Car)).Verdict);
        Assert.Equal(RuleVerdict.Violation, rule.Evaluate(_site.Passage(lane: 2, utc: Riyadh(8, 59, 59), sensors: Car)).Verdict);
        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(_site.Passage(lane: 2, utc: Riyadh(9, 0), sensors: Car)).Verdict);
    }

    [Fact]
    public void A_vehicle_the_loops_did_not_measure_is_not_judged_in_a_lane_that_exempts_buses()
    {
        var outcome = _site.RestrictedLane().Evaluate(_site.Passage(lane: 2, utc: Riyadh(7, 45)));

        Assert.Equal(RuleVerdict.NotApplicable, outcome.Verdict);
        Assert.Null(outcome.Violation);
    }

    [Fact]
    public void The_bus_lane_is_open_to_all_on_the_weekend_and_buses_are_exempt()
    {
        var rule = _site.RestrictedLane();

        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(_site.Passage(lane: 2, utc: Riyadh(7, 45, day: 27))).Verdict); // Friday
        var bus = new SensorContext(TestSite.Loop(50, lane: 2, lengthClass: VehicleLengthClass.Long, device: "LOOP-L2"), null, []);
        Assert.Equal(RuleVerdict.Compliant, rule.Evaluate(_site.Passage(lane: 2, utc: Riyadh(7, 45), sensors: bus)).Verdict);
        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(_site.Passage(lane: 1, utc: Riyadh(7, 45))).Verdict);
    }

    [Fact]
    public void An_overnight_window_covers_the_small_hours_of_the_next_day()
    {
        var window = new Violations.Site.ScheduleWindowOptions { Days = [DayOfWeek.Thursday], Start = new TimeOnly(22, 0), End = new TimeOnly(5, 0) };

        Assert.True(window.Contains(new DateTime(2026, 11, 26, 23, 0, 0)));   // Thursday night
        Assert.True(window.Contains(new DateTime(2026, 11, 27, 4, 59, 59)));  // Friday small hours
        Assert.False(window.Contains(new DateTime(2026, 11, 27, 5, 0, 0)));
        Assert.False(window.Contains(new DateTime(2026, 11, 27, 23, 0, 0)));  // Friday night
    }

    [Fact]
    public void A_vehicle_receding_in_the_approaching_lane_is_driving_the_wrong_way()
    {
        var outcome = _site.WrongWay().Evaluate(_site.Passage(lane: 1) with { Direction = PassageDirection.Receding });

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal("WWY", outcome.Violation!.TypeCode);
    }

    [Fact]
    public void A_vehicle_going_the_lanes_way_is_compliant()
    {
        var outcome = _site.WrongWay().Evaluate(_site.Passage(lane: 2) with { Direction = PassageDirection.Receding });

        Assert.Equal(RuleVerdict.Compliant, outcome.Verdict);
    }

    [Fact]
    public void Without_a_tracker_direction_the_trajectory_decides_once_it_moved_far_enough()
    {
        var rule = _site.WrongWay();
        IReadOnlyList<TrajectoryPoint> up40 = [_site.Point(0, 900, widthPx: 200), _site.Point(10, 860, widthPx: 150)];
        IReadOnlyList<TrajectoryPoint> up39 = [_site.Point(0, 900, widthPx: 200), _site.Point(10, 861, widthPx: 150)];

        Assert.Equal(RuleVerdict.Violation, rule.Evaluate(_site.Passage(lane: 1, track: up40)).Verdict);
        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(_site.Passage(lane: 1, track: up39)).Verdict);
    }

    [Fact]
    public void A_plate_that_moves_up_the_image_while_it_grows_is_not_judged_wrong_way()
    {
        // An approaching vehicle rising over the road crest: its plate moves up (y 466 → 392) and grows (89 → 92 px),
        // as vehicle 1 of the simulated camera's clip does in its first frames.
        IReadOnlyList<TrajectoryPoint> overTheCrest = [_site.Point(0, 500, groundX: 750, widthPx: 89), _site.Point(3, 426, groundX: 746, widthPx: 92)];
        IReadOnlyList<TrajectoryPoint> shrinking = [_site.Point(0, 500, groundX: 750, widthPx: 100), _site.Point(3, 426, groundX: 746, widthPx: 85)];

        Assert.Equal(RuleVerdict.NotApplicable, _site.WrongWay().Evaluate(_site.Passage(lane: 1, track: overTheCrest)).Verdict);
        Assert.Equal(RuleVerdict.Violation, _site.WrongWay().Evaluate(_site.Passage(lane: 1, track: shrinking)).Verdict);
    }

    [Fact]
    public void The_lane_is_found_from_the_trajectory_when_the_passage_does_not_name_it()
    {
        // Moving up the image inside lane 2's polygon: receding, as lane 2 runs.
        IReadOnlyList<TrajectoryPoint> inLane2 = [_site.Point(0, 1000, groundX: 1650, widthPx: 300), _site.Point(10, 600, groundX: 1300, widthPx: 120)];

        var outcome = _site.WrongWay().Evaluate(_site.Passage(lane: null, track: inLane2));

        Assert.Equal(RuleVerdict.Compliant, outcome.Verdict);
        Assert.True(_site.Lanes.TryLocate(_site.Passage(lane: null, track: inLane2), out var lane));
        Assert.Equal(2, lane.Id);
    }
}
