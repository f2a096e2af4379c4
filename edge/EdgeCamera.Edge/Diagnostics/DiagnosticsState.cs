using System.Reflection;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.Uplink;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>Everything the technician's page shows, gathered in one read-only snapshot (JSON for the page's script).</summary>
public sealed class DiagnosticsState(
    IOptions<DeviceOptions> device,
    IOptions<OutboxOptions> outboxOptions,
    FfmpegCamera camera,
    PipelineStats pipeline,
    RecentVehicles recent,
    LiteDbOutbox outbox,
    UplinkWorker uplink,
    MqttSession session,
    LiveView live,
    RoadsideHardwareView hardware,
    AuditLog audit,
    RecentLogLines logs,
    IConfiguration configuration,
    TimeProvider time,
    Vision.PlateEngine engine)
{
    /// <summary>Reads listed on the page (newest first); the JSON API /api/reads has them all.</summary>
    public const int ReadsShown = 20;

    public const int LogLinesShown = 60;

    public static readonly string SoftwareVersion =
        typeof(DiagnosticsState).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(DiagnosticsState).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private readonly Lock _rateGate = new();
    private readonly DateTimeOffset _startedAtUtc = time.GetUtcNow();
    private (long Timestamp, long Frames) _rateSample;
    private double? _framesPerSecond;

    public object Snapshot()
    {
        var now = time.GetUtcNow();
        var stats = camera.Stats;
        var oldest = outbox.OldestCreatedAtUtc();
        var ackCount = uplink.AckLatencyCount;
        return new
        {
            unit = new
            {
                deviceId = device.Value.DeviceId,
                siteId = device.Value.SiteId,
                road = device.Value.Road,
                softwareVersion = SoftwareVersion,
                runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                models = engine.Description,
                startedAtUtc = _startedAtUtc,
            },
            clock = new { utcNow = now, source = UnitHealth.Read(outboxOptions.Value.DatabasePath).ClockSource },
            camera = new
            {
                framesPerSecond = FramesPerSecond(stats.FramesRead),
                framesRead = stats.FramesRead,
                framesDropped = stats.FramesDropped,
                reconnects = stats.Reconnects,
                lastFrameUtc = stats.LastFrameUtc,
                lastFrameAgeS = stats.LastFrameUtc is { } last ? Math.Round((now - last).TotalSeconds, 1) : (double?)null,
            },
            pipeline = new { framesProcessed = pipeline.FramesProcessed, detections = pipeline.Detections, reads = pipeline.Reads, vehicles = pipeline.Vehicles },
            aiming = new
            {
                summary = AimingAdvice.Summarise(live.AimingSamples()),
                plateWidthRangePx = new[] { AimingAdvice.MinPlateWidthPx, AimingAdvice.MaxPlateWidthPx },
                minFocusScore = AimingAdvice.MinFocusScore,
                lumaRange = new[] { AimingAdvice.MinMeanLuma, AimingAdvice.MaxMeanLuma },
            },
            outbox = new
            {
                depth = outbox.Count(),
                rejected = outbox.CountRejected(),
                bytes = outbox.StoredBytes,
                maxBytes = outbox.MaxBytes,
                evictions = outbox.Evictions,
                writeFailures = outbox.WriteFailures,
                overBudget = outbox.OverBudget,
                oldestAgeS = oldest is { } o ? Math.Round(Math.Max(0, (now.UtcDateTime - o).TotalSeconds), 1) : (double?)null,
            },
            uplink = new
            {
                connected = session.IsConnected,
                published = uplink.Published,
                acknowledged = uplink.Acknowledged,
                lastAcknowledgedUtc = uplink.LastAcknowledgedUtc,
                meanAckLatencyS = ackCount == 0 ? (double?)null : Math.Round(uplink.AckLatencyTotal.TotalSeconds / ackCount, 3),
            },
            system = UnitHealth.Read(outboxOptions.Value.DatabasePath),
            hardware = hardware.Hardware(),
            calibration = hardware.Calibration(),
            reads = recent.Snapshot().Reverse().Take(ReadsShown).Select(r => new
            {
                r.EventId,
                r.Plate,
                r.Country,
                confidence = Math.Round(r.Confidence, 2),
                r.Votes,
                r.SeenAtUtc,
                r.Direction,
                r.Violations,
                r.HalvesAgree,
                cropUrl = live.TryGetCrop(r.EventId, out _) ? $"/diag/crop/{r.EventId}.jpg" : null,
            }),
            logs = logs.Snapshot(LogLinesShown),
            audit = audit.Snapshot(),
            config = ConfigurationView.Read(configuration),
        };
    }

    /// <summary>Camera frames per second over the interval since the last sample at least a second old.</summary>
    private double? FramesPerSecond(long framesRead)
    {
        var now = time.GetTimestamp();
        lock (_rateGate)
        {
            if (_rateSample.Timestamp == 0)
            {
                _rateSample = (now, framesRead);
                return null;
            }

            var elapsed = time.GetElapsedTime(_rateSample.Timestamp, now);
            if (elapsed >= TimeSpan.FromSeconds(1))
            {
                _framesPerSecond = Math.Round((framesRead - _rateSample.Frames) / elapsed.TotalSeconds, 1);
                _rateSample = (now, framesRead);
            }

            return _framesPerSecond;
        }
    }
}
