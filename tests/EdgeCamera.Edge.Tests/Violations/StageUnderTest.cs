using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Hardware.Tamper;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Fines;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Retention;
using EdgeCamera.Violations.Rules;
using EdgeCamera.Violations.Site;
using EdgeCamera.Violations.WatchList;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Edge.Tests.Violations;

/// <summary>
/// A <see cref="ViolationStage"/> alone, on a fake clock, with simulated radar and signal (no scenario: the test sets
/// them), the site of edge.settings.json (lane 1 approaching, stop line y = 800, signal "north", 80 + 10 km/h; lane 2
/// receding), a radar certificate valid or expired on the day, a frame ring and a withheld store in a temp folder.
/// </summary>
internal sealed class StageUnderTest : IDisposable
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero); // Wednesday, 12:00 in Riyadh

    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(40); // 25 frames/s
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-stage-").FullName;
    private readonly RoadsideDevices _devices;
    private long _origin = long.MinValue;

    public StageUnderTest(bool radarCalibrationExpired = false, ViolationStageOptions? options = null)
    {
        Time.Advance(TimeSpan.FromMinutes(1)); // room before the first frame for a signal that turned red earlier
        var site = new SiteOptions
        {
            SiteId = "RUH-KFR-012",
            Location = new SiteLocationOptions { LatitudeDeg = 24.7, LongitudeDeg = 46.7, Road = "King Fahd Rd", Direction = "northbound" },
            Lanes =
            [
                new LaneOptions
                {
                    Id = 1,
                    Direction = LaneDirection.Approaching,
                    Polygon = [P(680, 440), P(800, 440), P(700, 1080), P(0, 1080)],
                    SignalApproach = "north",
                    StopLine = new StopLineOptions { A = P(250, 800), B = P(760, 800) },
                    SpeedLimits = [new SpeedLimitOptions { LimitKmh = 80, ToleranceKmh = 10 }],
                },
                new LaneOptions
                {
                    Id = 2,
                    Direction = LaneDirection.Receding,
                    Polygon = [P(1100, 440), P(1260, 440), P(1920, 1080), P(1400, 1080)],
                    SpeedLimits = [new SpeedLimitOptions { LimitKmh = 80, ToleranceKmh = 10 }],
                },
            ],
        };
        var expires = radarCalibrationExpired ? new DateOnly(2026, 11, 24) : new DateOnly(2027, 2, 28);
        var calibration = new CalibrationOptions
        {
            Devices = [new CalibrationRecordOptions { DeviceId = "RADAR-1", CertificateId = "CERT-RADAR", CalibratedOn = new DateOnly(2026, 3, 1), Authority = "Test lab", ExpiresOn = expires }],
        };
        var fines = new FinesOptions
        {
            Items = new Dictionary<string, FineOptions>
            {
                ["SPD"] = new() { DescriptionEn = "Exceeding the speed limit", DescriptionAr = "تجاوز السرعة المحددة", Amount = 300 },
                ["RLT"] = new() { DescriptionEn = "Crossing a red signal", DescriptionAr = "قطع الإشارة الحمراء", Amount = 3000 },
                ["BUS"] = new() { DescriptionEn = "Driving in a restricted lane", DescriptionAr = "السير في مسار مخصص", Amount = 500 },
                ["WWY"] = new() { DescriptionEn = "Driving against the direction of traffic", DescriptionAr = "السير عكس الاتجاه", Amount = 3000 },
            },
        };
        var enforcement = new EnforcementOptions();
        var siteClock = new SiteClock(site);
        var lanes = new LaneLocator(site);
        var stats = new RuleStats();
        IViolationRule[] rules =
        [
            new SpeedingRule(lanes, new CalibrationRegister(calibration, siteClock), enforcement, stats, NullLogger<SpeedingRule>.Instance),
            new RedLightRule(lanes, enforcement, Time),
            new RestrictedLaneRule(lanes, siteClock),
            new WrongWayRule(lanes, enforcement),
            new WatchListRule(WatchList, enforcement, stats),
        ];
        Assert.True(RoadsideDevices.TryCreateSimulated(
            new HardwareOptions { Mode = HardwareMode.Simulated }, new LoopsOptions(), new SignalsOptions(), new RadarOptions { DeviceId = "RADAR-1" },
            new FlashOptions(), new TamperOptions(), new ScenarioPlan { Signals = [new SignalPlan("north", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20), TimeSpan.Zero)] },
            Time, out _devices));
        Withheld = new WithheldStore(Path.Combine(_dir, "withheld.db"), maxRecords: 100);
        var device = new DeviceOptions { DeviceId = "cam-test-01", SiteId = "RUH-KFR-012", LatitudeDeg = 24.7, LongitudeDeg = 46.7, Road = "King Fahd Rd", Direction = "northbound" };
        var builder = new EvidenceBuilder(Options.Create(device), Options.Create(new EvidenceOptions()), new SyncedClock(), Time, Models);
        Stage = new ViolationStage(
            new ViolationEngine(rules, fines, stats),
            new SensorMatcher(TimeSpan.FromSeconds(1), Time),
            _devices,
            lanes,
            new ReadRetentionPolicy(new ReadRetentionOptions()),
            builder,
            Frames,
            Withheld,
            Options.Create(options ?? new ViolationStageOptions()),
            Time,
            NullLogger<ViolationStage>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(Noon);

    /// <summary>What the evidence names as the models behind the reads.</summary>
    public ReadingModels Models { get; } = new([new("plate-detector", "test-1 sha256:0123456789ab"), new("plate-recogniser", "test-1 sha256:ba9876543210")]);

    public PlateWatchList WatchList { get; } = new();

    public EvidenceFrameRing Frames { get; } = new(capacity: 64, downscale: 1, jpegQuality: 80);

    public WithheldStore Withheld { get; }

    public ViolationStage Stage { get; }

    public SimulatedRadar Radar => (SimulatedRadar)_devices.Radar!;

    public SimulatedSignalMonitor Signals => (SimulatedSignalMonitor)_devices.Signals!;

    /// <summary>The fake clock's timestamp of camera frame <paramref name="frame"/> (frame 0 = now, when first asked).</summary>
    public long TimestampOf(long frame) => _origin + (long)(frame * FrameInterval.TotalSeconds * Time.TimestampFrequency);

    /// <summary>
    /// A read of <paramref name="plate"/> in lane 1 over frames <paramref name="firstFrame"/>…+<paramref name="frames"/>-1:
    /// its plate's ground point runs down the lane's centre from y = 500 to 950 (crossing the stop line at y = 800), the
    /// box <paramref name="widthPx"/> wide, shifted right by <paramref name="offsetPx"/>. Its country is the first of the
    /// reader's formats the text fits (as the reader names it), else "??".
    /// </summary>
    public VehicleRead Read(string plate, long firstFrame = 100, int frames = 10, int widthPx = 100, int offsetPx = 0, float confidence = 0.9f)
    {
        var country = PlateFormats.All.FirstOrDefault(f => f.Regex.IsMatch(plate))?.Country ?? PlateFormats.UnknownCountry;
        if (_origin == long.MinValue)
        {
            _origin = Time.GetTimestamp();
        }

        var points = new List<TrackPoint>();
        for (var i = 0; i < frames; i++)
        {
            var groundY = 500 + (450 * i / Math.Max(1, frames - 1));
            var groundX = 740 - ((groundY - 440) * 390 / 640) + offsetPx; // lane 1's centre line
            points.Add(new TrackPoint(firstFrame + i, TimestampOf(firstFrame + i), new PixelBox(groundX - (widthPx / 2), groundY - 40, widthPx, 40)));
        }

        var best = points[frames / 2];
        return new VehicleRead(1, plate, country, confidence, 5, best.Box, best.FrameSequence, Noon, Noon, TravelDirection.Approaching, EvidenceImages.FromJpeg([0xFF, 0xD8, 1, 0xFF, 0xD9], [0xFF, 0xD8, 2, 0xFF, 0xD9]))
        {
            Trajectory = points,
            FirstFrameSequence = points[0].FrameSequence,
            LastFrameSequence = points[^1].FrameSequence,
            FirstSeenTimestamp = points[0].Timestamp,
            LastSeenTimestamp = points[^1].Timestamp,
        };
    }

    /// <summary>Puts a distinct JPEG-looking picture of each of these frames into the ring.</summary>
    public void KeepFrames(long first, int count)
    {
        for (var f = first; f < first + count; f++)
        {
            Frames.Add(f, [0xFF, 0xD8, (byte)(f % 251), 0xFF, 0xD9]);
        }
    }

    public void Dispose()
    {
        Withheld.Dispose();
        _devices.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static PointOptions P(double x, double y) => new() { X = x, Y = y };

    private sealed class SyncedClock : IClockSyncSource
    {
        public ClockSyncState Current() => new("ntp", 0.1, WithinTolerance: true);
    }
}
