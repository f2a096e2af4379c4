using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Hardware.Tamper;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Hardware.Tests;

public sealed class ScenarioTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_scenario_vehicle_reaches_the_loops_and_the_radar_at_its_speed_and_the_signal_changes_on_time()
    {
        var loops = new SimulatedLoopDetector(LoopDetectorTests.Options(), _time);
        var radar = new SimulatedRadar("RADAR-1");
        var signals = new SimulatedSignalMonitor(["north"]);
        var tamper = new SimulatedTamperSwitch(new TamperOptions(), _time);
        var scenario = new SimulationScenario(
            [
                new SignalPhaseEvent(TimeSpan.Zero, "north", SignalPhase.Green),
                new VehiclePassEvent(TimeSpan.FromSeconds(2), 1, 90, 4.5, RadarDirection.Approaching, RadarSpeedKmh: 88),
                new SignalPhaseEvent(TimeSpan.FromSeconds(3), "north", SignalPhase.Amber),
                new TamperEvent(TimeSpan.FromSeconds(4), CabinetDoor.Open),
            ],
            TimeSpan.FromSeconds(10),
            Repeat: false);
        var player = new ScenarioPlayer(scenario, _time, loops, radar, signals, tamper);
        player.Start();

        player.Pump();
        Assert.False(loops.TryRead(out _));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(7, player.Pump());

        Assert.True(loops.TryRead(out var passage));
        Assert.Equal(90.0, passage.SpeedKmh, precision: 3);
        Assert.Equal(player.TimestampAt(TimeSpan.FromSeconds(2)), passage.LeadingOnTimestamp);
        Assert.True(radar.TryRead(out var reading));
        Assert.Equal((1, 88.0, RadarDirection.Approaching), (reading.Lane, reading.SpeedKmh, reading.Direction));
        Assert.True(signals.TryGetPhaseAt("north", player.TimestampAt(TimeSpan.FromSeconds(2.9)), out var before));
        Assert.Equal(SignalPhase.Green, before.Phase);
        Assert.True(signals.TryRead("north", out var now));
        Assert.Equal((SignalPhase.Amber, player.TimestampAt(TimeSpan.FromSeconds(3))), (now.Phase, now.SinceTimestamp));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(tamper.TryRead(out var door));
        Assert.Equal(CabinetDoor.Open, door.Door);
        Assert.Equal(0, player.Pump());
    }

    [Fact]
    public void A_repeating_scenario_plays_again_each_time_the_clip_loops()
    {
        var loops = new SimulatedLoopDetector(LoopDetectorTests.Options(), _time);
        var scenario = new SimulationScenario(
            [new VehiclePassEvent(TimeSpan.FromSeconds(1), 1, 50, 4.5, RadarDirection.Approaching, null)],
            TimeSpan.FromSeconds(30),
            Repeat: true);
        var player = new ScenarioPlayer(scenario, _time, loops);
        player.Start();

        _time.Advance(TimeSpan.FromSeconds(95));
        player.Pump();

        var count = 0;
        while (count < 10 && loops.TryRead(out _))
        {
            count++;
        }

        Assert.Equal(4, count); // at 1 s, 31 s, 61 s and 91 s
    }

    [Fact]
    public void Ground_truth_vehicles_become_passes_in_their_lanes_at_their_frame_times_with_the_planned_speeds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gt-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {"width": 1920, "height": 1080, "fps": 25, "frames": 750, "seed": 1,
             "vehicles": [
              {"id": 1, "plate": "6834GUV", "country": "SA", "lane": 1, "direction": "approaching", "vehicle": "sedan",
               "first_frame": 32, "last_frame": 112, "boxes": [{"frame": 32, "x": 707, "y": 466, "w": 89, "h": 34}]},
              {"id": 2, "plate": "5851HVD", "country": "SA", "lane": 2, "direction": "departing", "vehicle": "truck",
               "first_frame": 60, "last_frame": 135}]}
            """);
        try
        {
            Assert.True(SimcamGroundTruth.TryLoad(path, out var truth));
            var plan = new ScenarioPlan
            {
                SpeedKmhByVehicle = new Dictionary<int, double> { [1] = 112 },
                RadarSpeedKmhByVehicle = new Dictionary<int, double> { [1] = 120 },
                RadarMisses = new HashSet<int> { 2 },
                Signals = [new SignalPlan("north", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(5))],
            };

            var scenario = GroundTruthScenario.Build(truth, plan);

            var passes = scenario.Ordered.OfType<VehiclePassEvent>().ToList();
            Assert.Equal(TimeSpan.FromSeconds(30), scenario.Duration);
            Assert.Equal(new VehiclePassEvent(TimeSpan.FromSeconds(96 / 25.0), 1, 112, 4.7, RadarDirection.Approaching, 120, 1), passes[0]);
            Assert.Equal(new VehiclePassEvent(TimeSpan.FromSeconds(120 / 25.0), 2, 60, 7.5, RadarDirection.Receding, null, 2), passes[1]);

            // Green starts at 5 s (cycle 25 s): before it, the previous cycle's red; then amber at 15 s, red at 18 s.
            Assert.Equal(
                [(0.0, SignalPhase.Red), (5.0, SignalPhase.Green), (15.0, SignalPhase.Amber), (18.0, SignalPhase.Red)],
                scenario.Ordered.OfType<SignalPhaseEvent>().Select(e => (e.At.TotalSeconds, e.Phase)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_or_broken_ground_truth_file_is_reported_not_thrown()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gt-{Guid.NewGuid():N}.json");
        Assert.False(SimcamGroundTruth.TryLoad(path, out _));
        File.WriteAllText(path, "{ not json");
        try
        {
            Assert.False(SimcamGroundTruth.TryLoad(path, out _));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
