using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Fines;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Rules;
using EdgeCamera.Violations.Site;
using EdgeCamera.Violations.WatchList;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Violations.Tests;

/// <summary>
/// The example site of these tests: lane 1 approaching with a stop line at y = 800 and signal "north", limits 80 + 10
/// (long vehicles 60 + 10); lane 2 receding, a weekday-morning bus lane; radar and loops calibrated 2026-03-01 to
/// 2027-02-28 (Riyadh, UTC+3).
/// </summary>
internal sealed class TestSite
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero); // Wednesday, 12:00 in Riyadh

    public FakeTimeProvider Time { get; } = new(Noon);

    public SiteOptions Site { get; } = new()
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
                SpeedLimits =
                [
                    new SpeedLimitOptions { LimitKmh = 80, ToleranceKmh = 10 },
                    new SpeedLimitOptions { VehicleClass = VehicleLengthClass.Long, LimitKmh = 60, ToleranceKmh = 10 },
                ],
            },
            new LaneOptions
            {
                Id = 2,
                Direction = LaneDirection.Receding,
                Polygon = [P(1100, 440), P(1260, 440), P(1920, 1080), P(1400, 1080)],
                SpeedLimits = [new SpeedLimitOptions { LimitKmh = 80, ToleranceKmh = 10 }],
                Restricted = new RestrictedLaneOptions
                {
                    Windows =
                    [
                        new ScheduleWindowOptions
                        {
                            Days = [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday],
                            Start = new TimeOnly(6, 30),
                            End = new TimeOnly(9, 0),
                        },
                    ],
                    ExemptClasses = [VehicleLengthClass.Long],
                },
            },
        ],
    };

    public EnforcementOptions Enforcement { get; } = new();

    public CalibrationOptions Calibration { get; } = new()
    {
        Devices =
        [
            Cert("RADAR-1", "CERT-RADAR"),
            Cert("LOOP-L1", "CERT-LOOP1"),
            Cert("LOOP-L2", "CERT-LOOP2"),
        ],
    };

    public FinesOptions Fines { get; } = new()
    {
        Items = new Dictionary<string, FineOptions>
        {
            ["SPD"] = new() { DescriptionEn = "Exceeding the speed limit", DescriptionAr = "تجاوز السرعة المحددة", Amount = 300 },
            ["RLT"] = new() { DescriptionEn = "Crossing a red signal", DescriptionAr = "قطع الإشارة الحمراء", Amount = 3000 },
        },
    };

    public RuleStats Stats { get; } = new();

    public PlateWatchList WatchList { get; } = new();

    public LaneLocator Lanes => new(Site);

    public SiteClock Clock => new(Site);

    public SpeedingRule Speeding() =>
        new(Lanes, new CalibrationRegister(Calibration, Clock), Enforcement, Stats, NullLogger<SpeedingRule>.Instance);

    public RedLightRule RedLight() => new(Lanes, Enforcement, Time);

    public RestrictedLaneRule RestrictedLane() => new(Lanes, Clock);

    public WrongWayRule WrongWay() => new(Lanes, Enforcement);

    public WatchListRule WatchListRule() => new(WatchList, Enforcement, Stats);

    /// <summary>A passage in <paramref name="lane"/> seen at <paramref name="utc"/> (default noon), with a short track.</summary>
    public VehiclePassage Passage(int? lane = 1, DateTimeOffset? utc = null, SensorContext? sensors = null, string plate = "6834GUV", IReadOnlyList<TrajectoryPoint>? track = null)
    {
        track ??= [Point(100, 520), Point(101, 600)];
        return new VehiclePassage
        {
            EventId = Guid.CreateVersion7(),
            PlateText = plate,
            Country = "SA",
            Confidence = 0.9,
            LaneId = lane,
            Trajectory = track,
            FirstSeenTimestamp = track[0].Timestamp,
            LastSeenTimestamp = track[^1].Timestamp,
            LastSeenUtc = utc ?? Noon,
            FirstFrameSequence = track[0].FrameSequence,
            BestFrameSequence = track[track.Count / 2].FrameSequence,
            LastFrameSequence = track[^1].FrameSequence,
            Sensors = sensors ?? SensorContext.None,
        };
    }

    /// <summary>A plate box whose bottom centre is at (700, <paramref name="groundY"/>) in frame <paramref name="frame"/>,
    /// 40 ms per frame from the fake clock's start (25 frames/s).</summary>
    public TrajectoryPoint Point(long frame, int groundY, int groundX = 600, int widthPx = 100) =>
        new(frame, At(TimeSpan.FromMilliseconds(40 * frame)), groundX - (widthPx / 2), groundY - 40, widthPx, 40);

    /// <summary>The monotonic timestamp <paramref name="sinceStart"/> after the fake clock's start.</summary>
    public long At(TimeSpan sinceStart) => Start + (long)(sinceStart.TotalSeconds * Time.TimestampFrequency);

    private long Start { get; } = new FakeTimeProvider(Noon).GetTimestamp();

    public static RadarReading Radar(double kmh, int lane = 1, RadarDirection direction = RadarDirection.Approaching, int quality = 90, string device = "RADAR-1") =>
        new(device, lane, kmh, direction, quality, 0);

    public static LoopPassage Loop(double kmh, int lane = 1, VehicleLengthClass lengthClass = VehicleLengthClass.Car, string device = "LOOP-L1") =>
        new(device, lane, kmh, TimeSpan.FromMilliseconds(300), 4.5, lengthClass, 0, 0);

    public SignalState Phase(SignalPhase phase, TimeSpan sinceStart, string approach = "north") => new(approach, phase, At(sinceStart));

    private static PointOptions P(double x, double y) => new() { X = x, Y = y };

    private static CalibrationRecordOptions Cert(string device, string id) => new()
    {
        DeviceId = device,
        CertificateId = id,
        CalibratedOn = new DateOnly(2026, 3, 1),
        ExpiresOn = new DateOnly(2027, 2, 28),
        Authority = "SASO",
    };
}
