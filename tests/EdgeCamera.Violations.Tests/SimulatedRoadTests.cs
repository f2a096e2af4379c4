using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Rules;

namespace EdgeCamera.Violations.Tests;

/// <summary>
/// The whole chain on simulated hardware: a scenario drives the loops, the radar and the signal; the matcher gives
/// each vehicle its sensors; the engine judges it. The vehicles' tracks are laid on the scenario's clock, as the
/// simulated camera's video is.
/// </summary>
public sealed class SimulatedRoadTests
{
    private readonly TestSite _site = new();
    private readonly SimulatedLoopDetector _loops;
    private readonly SimulatedRadar _radar = new("RADAR-1");
    private readonly SimulatedSignalMonitor _signals = new(["north"]);
    private readonly ScenarioPlayer _player;

    public SimulatedRoadTests()
    {
        _loops = new SimulatedLoopDetector(
            new LoopsOptions
            {
                Pairs =
                [
                    new LoopPairOptions { DeviceId = "LOOP-L1", Lane = 1, LeadingPin = 1, TrailingPin = 2 },
                    new LoopPairOptions { DeviceId = "LOOP-L2", Lane = 2, LeadingPin = 3, TrailingPin = 4 },
                ],
            },
            _site.Time);
        var scenario = new SimulationScenario(
            [
                new SignalPhaseEvent(TimeSpan.Zero, "north", SignalPhase.Green),
                new SignalPhaseEvent(TimeSpan.FromSeconds(20), "north", SignalPhase.Amber),
                new SignalPhaseEvent(TimeSpan.FromSeconds(23), "north", SignalPhase.Red),
                new VehiclePassEvent(TimeSpan.FromSeconds(2), 1, 112, 4.7, RadarDirection.Approaching, 112),   // speeding
                new VehiclePassEvent(TimeSpan.FromSeconds(8), 1, 112, 4.7, RadarDirection.Approaching, 125),   // sensors disagree
                new VehiclePassEvent(TimeSpan.FromSeconds(14), 1, 60, 4.7, RadarDirection.Approaching, 60),    // lawful
                new VehiclePassEvent(TimeSpan.FromSeconds(25), 1, 50, 4.7, RadarDirection.Approaching, 50),    // crosses on red
            ],
            TimeSpan.FromSeconds(40),
            Repeat: false);
        _player = new ScenarioPlayer(scenario, _site.Time, _loops, _radar, _signals);
        _player.Start();
        _site.Time.Advance(TimeSpan.FromSeconds(40));
        _player.Pump();
    }

    [Fact]
    public void Each_simulated_vehicle_gets_the_verdict_its_sensors_and_signal_call_for()
    {
        var matcher = new SensorMatcher(TimeSpan.FromSeconds(1), _site.Time);
        matcher.Drain(_loops, _radar);
        var engine = new ViolationEngine(
            [_site.Speeding(), _site.RedLight(), _site.RestrictedLane(), _site.WrongWay(), _site.WatchListRule()],
            _site.Fines,
            _site.Stats);

        var verdicts = new[] { 2.0, 8.0, 14.0, 25.0 }.Select(at =>
        {
            var passage = VehicleAt(TimeSpan.FromSeconds(at), matcher);
            return engine.Evaluate(passage).Where(o => o.Verdict is RuleVerdict.Violation or RuleVerdict.Withheld).Select(o => o.TypeCode).ToList();
        }).ToList();

        Assert.Equal<IEnumerable<string>>(["SPD"], verdicts[0]);
        Assert.Empty(verdicts[1]);
        Assert.Empty(verdicts[2]);
        Assert.Equal<IEnumerable<string>>(["RLT"], verdicts[3]);
        Assert.Equal(1, engine.Stats.SpeedDiscrepancies);
        Assert.Equal(2, engine.Stats.Violations);
    }

    [Fact]
    public void The_speeding_violation_carries_both_sensors_speeds_the_limit_and_the_fine()
    {
        var matcher = new SensorMatcher(TimeSpan.FromSeconds(1), _site.Time);
        matcher.Drain(_loops, _radar);
        var engine = new ViolationEngine([_site.Speeding()], _site.Fines, _site.Stats);

        var outcome = engine.Evaluate(VehicleAt(TimeSpan.FromSeconds(2), matcher)).Single();

        var v = outcome.Violation!;
        Assert.Equal(112.0, v.RadarSpeedKmh);
        Assert.Equal(112.0, v.LoopSpeedKmh!.Value, precision: 3);
        Assert.Equal((80.0, 10.0), (v.LimitKmh, v.ToleranceKmh));
        Assert.Equal(300m, v.Fine!.Amount);
        Assert.Equal("تجاوز السرعة المحددة", v.Fine.DescriptionAr);
    }

    [Fact]
    public void The_engine_names_offence_codes_missing_from_the_fines_table()
    {
        var engine = new ViolationEngine([_site.Speeding(), _site.WrongWay(), _site.WatchListRule()], _site.Fines, _site.Stats);

        Assert.Equal(["WWY"], engine.CodesWithoutFine());
    }

    /// <summary>A vehicle in lane 1 whose front reached the loops at <paramref name="loopAt"/>: its plate is seen from
    /// 1.5 s before to 1.5 s after, moving down the image and crossing the stop line (y = 800) 0.36 s after the loops.</summary>
    private VehiclePassage VehicleAt(TimeSpan loopAt, SensorMatcher matcher)
    {
        var track = Enumerable.Range(-37, 75).Select(i =>
        {
            var t = loopAt + TimeSpan.FromMilliseconds(40 * i);
            return new TrajectoryPoint((long)(t.TotalMilliseconds / 40), _player.TimestampAt(t), 550, 760 + (4 * i) - 40 + 1, 100, 40);
        }).ToList();
        var sensors = matcher.Match(1, track[0].Timestamp, track[^1].Timestamp, _signals, "north");
        return _site.Passage(lane: 1, track: track, sensors: sensors);
    }
}
