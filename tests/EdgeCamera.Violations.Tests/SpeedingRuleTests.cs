using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Rules;

namespace EdgeCamera.Violations.Tests;

public sealed class SpeedingRuleTests
{
    private readonly TestSite _site = new();

    [Fact]
    public void A_radar_speed_above_limit_plus_tolerance_is_a_violation_with_its_measurements_and_certificate()
    {
        var passage = _site.Passage(sensors: new SensorContext(null, TestSite.Radar(104.5), []));

        var outcome = _site.Speeding().Evaluate(passage);

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        var v = outcome.Violation!;
        Assert.Equal(("SPD", 104.5, 104.5, (double?)null, 80.0, 10.0, 1), (v.TypeCode, v.MeasuredSpeedKmh, v.RadarSpeedKmh, v.LoopSpeedKmh, v.LimitKmh, v.ToleranceKmh, v.LaneId));
        Assert.Equal("CERT-RADAR", v.CalibrationId);
        Assert.Equal(ViolationFlags.None, v.Flags);
        Assert.Equal(["first", "best", "last"], v.Frames.Select(f => f.Role));
        Assert.Equal(passage.EventId, v.EventId);
    }

    [Fact]
    public void Exactly_limit_plus_tolerance_is_not_a_violation_and_a_hundredth_more_is()
    {
        var rule = _site.Speeding();

        var at = rule.Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(90.0), [])));
        var above = rule.Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(90.01), [])));

        Assert.Equal(RuleVerdict.Compliant, at.Verdict);
        Assert.Equal(RuleVerdict.Violation, above.Verdict);
    }

    [Fact]
    public void A_speed_under_the_limit_is_compliant()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(TestSite.Loop(62), TestSite.Radar(63), [])));

        Assert.Equal(RuleVerdict.Compliant, outcome.Verdict);
        Assert.Null(outcome.Violation);
    }

    [Fact]
    public void Radar_and_loops_that_agree_enforce_the_lower_speed_and_cite_both_certificates()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(TestSite.Loop(101), TestSite.Radar(104), [])));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal(101, outcome.Violation!.MeasuredSpeedKmh);
        Assert.Equal("CERT-RADAR,CERT-LOOP1", outcome.Violation.CalibrationId);
    }

    [Fact]
    public void Radar_and_loops_that_disagree_beyond_tolerance_give_no_violation_and_a_counted_discrepancy()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(TestSite.Loop(98.9), TestSite.Radar(104), [])));

        Assert.Equal(RuleVerdict.Compliant, outcome.Verdict);
        Assert.Null(outcome.Violation);
        Assert.Contains("disagree", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _site.Stats.SpeedDiscrepancies);
    }

    [Fact]
    public void Sensors_exactly_at_the_disagreement_tolerance_still_agree()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(TestSite.Loop(99), TestSite.Radar(104), [])));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal(0, _site.Stats.SpeedDiscrepancies);
    }

    [Fact]
    public void An_expired_radar_calibration_withholds_the_violation_but_keeps_the_flagged_reading()
    {
        // 22:00 UTC on 28 February is already 1 March in Riyadh: the certificate (to 28 February) has run out.
        var lateNight = new DateTimeOffset(2027, 2, 28, 22, 0, 0, TimeSpan.Zero);

        var outcome = _site.Speeding().Evaluate(_site.Passage(utc: lateNight, sensors: new SensorContext(null, TestSite.Radar(130), [])));

        Assert.Equal(RuleVerdict.Withheld, outcome.Verdict);
        Assert.Equal(ViolationFlags.CalibrationExpired, outcome.Violation!.Flags);
        Assert.Equal(130, outcome.Violation.MeasuredSpeedKmh);
        Assert.Equal(1, _site.Stats.CalibrationHolds);
    }

    [Fact]
    public void On_the_last_local_day_of_its_certificate_the_radar_is_still_in_calibration()
    {
        var evening = new DateTimeOffset(2027, 2, 28, 20, 59, 59, TimeSpan.Zero); // 23:59:59 in Riyadh

        var outcome = _site.Speeding().Evaluate(_site.Passage(utc: evening, sensors: new SensorContext(null, TestSite.Radar(130), [])));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
    }

    [Fact]
    public void A_device_without_a_certificate_withholds_the_violation_as_unknown_calibration()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(130, device: "RADAR-SPARE"), [])));

        Assert.Equal(RuleVerdict.Withheld, outcome.Verdict);
        Assert.Equal(ViolationFlags.CalibrationUnknown, outcome.Violation!.Flags);
        Assert.Equal("RADAR-SPARE:uncertified", outcome.Violation.CalibrationId);
    }

    [Fact]
    public void A_long_vehicle_is_held_to_its_own_lower_limit()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(TestSite.Loop(75, lengthClass: VehicleLengthClass.Long), null, [])));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal(60, outcome.Violation!.LimitKmh);
        Assert.Equal("CERT-LOOP1", outcome.Violation.CalibrationId);
    }

    [Fact]
    public void Without_loops_the_class_is_unknown_and_the_most_generous_limit_applies()
    {
        var outcome = _site.Speeding().Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(75), [])));

        Assert.Equal(RuleVerdict.Compliant, outcome.Verdict);
    }

    [Fact]
    public void Radar_readings_of_another_lane_the_wrong_direction_or_low_quality_are_not_used()
    {
        var rule = _site.Speeding();

        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(130, lane: 2), []))).Verdict);
        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(130, direction: RadarDirection.Receding), []))).Verdict);
        Assert.Equal(RuleVerdict.NotApplicable, rule.Evaluate(_site.Passage(sensors: new SensorContext(null, TestSite.Radar(130, quality: 49), []))).Verdict);
    }
}
