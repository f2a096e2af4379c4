using System.Globalization;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.National;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.NationalSim;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>
/// Reads become violations: the simulated roadside hardware plays a scenario on the clip's clock (loops and radar
/// see the speeds below, the "north" signal follows the plan below), and the national stand-in issues notices.
/// </summary>
[Collection(SystemUnderTest.Collection)]
public sealed class ViolationToNoticeTests(ITestOutputHelper output)
{
    /// <summary>Ground-truth vehicle id → speed; the others drive at 60 km/h. Both lanes allow 80 + 10 km/h.</summary>
    private static readonly Dictionary<int, double> Speeders = new() { [1] = 130, [2] = 125, [3] = 120, [6] = 118, [7] = 122, [10] = 124, [12] = 119 };

    private const double LaneLimitPlusToleranceKmh = 90; // edge.settings.json: both lanes 80 km/h + 10 km/h

    /// <summary>
    /// The lane-1 vehicles' plates cross the stop line (y = 800 px) at clip times 3.96 s (vehicle 1), 8.68 s (3),
    /// 13.12 s (5), 17.72 s (7), 22.68 s (9) and 28.64 s (11) (groundtruth.json boxes). The signal is green 20–25 s,
    /// amber 25–29.4 s and red from 29.4 s to 20 s of the next 30-s loop: 1, 3, 5 and 7 cross on red, seconds after
    /// it began; 9 crosses on green and 11 on amber.
    /// </summary>
    private static readonly HashSet<int> RedLightRunners = [1, 3, 5, 7];

    [Fact]
    public async Task Speeding_and_red_light_violations_on_the_simulated_road_reach_the_national_system_as_fined_notices()
    {
        await using var sut = await SystemUnderTest.StartAsync(camera =>
        [
            "--Hardware:Mode=Simulated",
            $"--Hardware:GroundTruthPath={Path.Combine(camera.ClipDirectory, "groundtruth.json")}",
            "--ReadRetention:KeepPlainReads=false",
            "--Scenario:DefaultSpeedKmh=60",
            .. Speeders.Select(s => string.Create(CultureInfo.InvariantCulture, $"--Scenario:SpeedKmhByVehicle:{s.Key}={s.Value}")),
            "--Scenario:Signals:0:Approach=north",
            "--Scenario:Signals:0:Green=00:00:05",
            "--Scenario:Signals:0:Amber=00:00:04.400",
            "--Scenario:Signals:0:Red=00:00:20.600",
            "--Scenario:Signals:0:GreenStartsAt=00:00:20",
        ]);
        var truth = sut.Camera.GroundTruth;
        var camera = sut.EdgeService<FfmpegCamera>();
        var outbox = sut.EdgeService<LiteDbOutbox>();
        var stage = sut.EdgeService<ViolationStage>();
        var notices = sut.NationalService<NoticeRegistry>();
        var fines = sut.NationalService<IOptions<NationalSimOptions>>().Value.Fines;
        var store = sut.CloudService<IEvidenceStore>();
        var speeds = sut.EdgeService<IOptions<ScenarioOptions>>().Value;
        double SpeedOf(int vehicle) => speeds.SpeedKmhByVehicle.TryGetValue(vehicle, out var s) ? s : speeds.DefaultSpeedKmh;

        // The edge watches the whole clip once, then the camera goes dark (as in PlateToNoticeTests).
        var lastFrameOfFirstLoop = truth.Frames + 16;
        Assert.True(
            await Eventually.HoldsAsync(() => camera.Stats.FramesRead >= lastFrameOfFirstLoop, TimeSpan.FromMinutes(3)),
            $"the edge read only {camera.Stats.FramesRead} of {lastFrameOfFirstLoop} frames");
        sut.Camera.StopServer();

        var byPlate = truth.Vehicles.ToDictionary(v => v.Plate, StringComparer.Ordinal);
        bool RightRead(Notice n, string code) => n.ViolationTypeCode == code && byPlate.ContainsKey(n.PlateText);
        var arrived = await Eventually.HoldsAsync(
            () => outbox.Count() == 0 && notices.All().Any(n => RightRead(n, "SPD")) && notices.All().Any(n => RightRead(n, "RLT")),
            TimeSpan.FromMinutes(2));
        var issued = notices.All();
        foreach (var n in issued)
        {
            output.WriteLine($"notice {n.ViolationNumber} {n.ViolationTypeCode} {n.PlateText} {n.Amount} {n.Currency} (event {n.EventId})");
        }

        output.WriteLine($"rules: {stage.Stats.Violations} violations, {stage.Stats.Withheld} withheld, {stage.Stats.SpeedDiscrepancies} sensor discrepancies; outbox {outbox.Count()}");
        Assert.True(arrived, $"no speeding and red-light notice for a plate read right; outbox {outbox.Count()}, notices {issued.Count}");

        // Plain reads stay on the unit (privacy default): only violations were noticed, each with the table's amount.
        Assert.DoesNotContain(issued, n => n.ViolationTypeCode == "READ");
        Assert.All(issued, n => Assert.Equal(fines[n.ViolationTypeCode].Amount, n.Amount));
        Assert.All(issued.Where(n => n.ViolationTypeCode == "SPD"), n => Assert.Equal(300m, n.Amount));
        Assert.All(issued.Where(n => n.ViolationTypeCode == "RLT"), n => Assert.Equal(3000m, n.Amount));

        // For every plate read right, the violation is the one the scenario made: speeders for SPD, red runners for RLT.
        foreach (var n in issued.Where(n => byPlate.ContainsKey(n.PlateText)))
        {
            var vehicle = byPlate[n.PlateText];
            if (n.ViolationTypeCode == "SPD")
            {
                Assert.True(SpeedOf(vehicle.Id) > LaneLimitPlusToleranceKmh, $"{n.PlateText} (vehicle {vehicle.Id}) drove {SpeedOf(vehicle.Id)} km/h but got SPD");
            }
            else if (n.ViolationTypeCode == "RLT")
            {
                Assert.True(RedLightRunners.Contains(vehicle.Id), $"{n.PlateText} (vehicle {vehicle.Id}) did not cross on red but got RLT");
            }

            // The signed package carries the proof: lane, calibration (speed), measurements and the frames named.
            var violation = ViolationOf(store, n.EventId);
            output.WriteLine($"{n.PlateText} (vehicle {vehicle.Id}, frames {vehicle.FirstFrame}-{vehicle.LastFrame}) {violation.TypeCode} lane {violation.Lane}: "
                + string.Join(", ", violation.Measurements.Select(m => $"{m.Name}={m.Value}{m.Unit}")));
            Assert.Equal(n.ViolationTypeCode, violation.TypeCode);
            Assert.NotNull(violation.Lane);
            var measured = violation.Measurements.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
            if (n.ViolationTypeCode == "SPD")
            {
                Assert.False(string.IsNullOrEmpty(violation.CalibrationId));
                Assert.True(measured["speed"] > measured["speedLimit"] + measured["speedTolerance"]);
                Assert.Equal(SpeedOf(vehicle.Id), measured["speed"], precision: 0);
                Assert.Contains("frame.best", measured.Keys);
            }
            else if (n.ViolationTypeCode == "RLT")
            {
                Assert.Equal(1, violation.Lane);
                Assert.True(measured["timeSinceRed"] > measured["amberGrace"]);
                Assert.True(measured["frame.before"] < measured["frame.at"] && measured["frame.at"] <= measured["frame.after"]);
            }
        }

        // Vehicles the scenario kept lawful got no notice for what they did not do.
        Assert.DoesNotContain(issued, n => n.ViolationTypeCode == "SPD" && byPlate.TryGetValue(n.PlateText, out var v) && SpeedOf(v.Id) <= LaneLimitPlusToleranceKmh);
        Assert.Equal(issued.Count, issued.Select(n => n.EventId).Distinct().Count());

        // The technician's recent-reads list names each vehicle's violations (what the diagnostics page shows).
        var recent = sut.EdgeService<RecentVehicles>().Snapshot();
        Assert.All(issued, n => Assert.Contains(recent, r => r.Plate == n.PlateText && r.Violations.Contains(n.ViolationTypeCode)));
    }

    private static ViolationInfo ViolationOf(IEvidenceStore store, Guid eventId)
    {
        var stored = store.Find(eventId) ?? throw new InvalidOperationException($"event {eventId} is not in the cloud's store");
        Assert.True(WireJson.TryParsePackage(stored.Payload, out var package, out var error), error);
        Assert.True(CanonicalManifest.TryParse(package.Manifest, out var manifest, out var manifestError), manifestError);
        return manifest.Violation;
    }
}
