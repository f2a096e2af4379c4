using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;
using EdgeCamera.Vision;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// The frame path: camera queue → find plates → read each → track and vote → one evidence record per vehicle into
/// the outbox. Runs on its own thread of control; when it falls behind, the camera queue drops the oldest frames.
/// </summary>
public sealed partial class PlatePipelineWorker(
    FfmpegCamera camera,
    IPlateDetector detector,
    IPlateReader reader,
    PlateTracker tracker,
    EvidenceBuilder evidence,
    LiteDbOutbox outbox,
    WakeSignal uplinkWake,
    IOptions<PipelineOptions> options,
    PipelineStats stats,
    RecentVehicles recent,
    LiveView liveView,
    TimeProvider time,
    ILogger<PlatePipelineWorker> log,
    ViolationStage? violations = null,
    EvidenceFrameRing? evidenceFrames = null,
    IPipelineObserver? observer = null) : BackgroundService
{
    /// <summary>Without frames, how often held reads are looked at (a tenth of the 3-s default hold).</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMilliseconds(300);

    private readonly List<JudgedRead> _judged = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Detection and OCR are CPU-bound and synchronous: keep them off the host's start-up path.
        await Task.Yield();
        await RunStagesAsync(camera.Frames, stoppingToken); // PlatePipelineWorker.Stages.cs
    }

    /// <summary>One frame through both stages' work on the caller's thread, nothing dropped, nothing judged or stored
    /// (the bench's offline run). The unit itself runs <c>RunStagesAsync</c>, two threads.</summary>
    internal void ProcessFrame(Frame frame, PlateCandidate[] candidates, List<PlateText?> reads, List<VehicleRead> completed)
    {
        var found = detector.Detect(frame, candidates);
        ReadAndTrack(frame, candidates.AsSpan(0, found), reads, completed);
    }

    private void Report(List<VehicleRead> completed, bool final = false)
    {
        if (violations is null)
        {
            // Without the violation stage every read is sent (the walking skeleton).
            foreach (var read in completed)
            {
                Record(read, [evidence.Build(read)]);
            }
        }
        else
        {
            // With it, reads are held a moment (a split track's other reads), then violations and kept reads are sent.
            foreach (var read in completed)
            {
                read.Images.Encode(); // held for seconds: keep ~0.3 MB of JPEG, not the 6 MB frame
                violations.Hold(read);
            }

            violations.TakeDue(_judged, all: final);
            foreach (var judged in _judged)
            {
                Record(judged.Read, judged.Drafts);
            }

            _judged.Clear();
        }

        completed.Clear();
    }

    private void Record(VehicleRead read, IReadOnlyList<EvidenceDraft> records)
    {
        foreach (var record in records)
        {
            // A write the disk refuses is counted and logged by the outbox (nothing stored before is lost); carry on.
            outbox.TryAdd(record, time.GetUtcNow().UtcDateTime, out _, out _);
        }

        var eventId = records.Count > 0 ? records[0].EventId : Guid.CreateVersion7(read.LastSeenUtc);
        stats.Vehicle();
        liveView.RememberCrop(eventId, read.PlateCropJpeg);
        recent.Add(new RecentVehicles.Entry(eventId, read.Text, read.Country, read.Confidence, read.Votes, read.LastSeenUtc, read.Direction.ToString(), [.. records.Select(r => r.Manifest.Violation.TypeCode)])
        {
            HalvesAgree = read.HalvesAgree,
        });
        LogVehicle(log, eventId, read.Text, read.Country, read.Confidence, read.Votes, read.Direction, records.Count);
        if (read.HalvesAgree == false)
        {
            LogHalvesDiffer(log, eventId, read.Text, read.ArabicHalf);
        }
        if (records.Count > 0)
        {
            uplinkWake.Notify();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {EvidenceId}: plate {Plate} ({Country}), confidence {Confidence:F2} from {Votes} reads, {Direction}; {Packages} package(s) stored in outbox")]
    private static partial void LogVehicle(ILogger log, Guid evidenceId, string plate, string country, float confidence, int votes, TravelDirection direction, int packages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {EvidenceId}: plate {Plate}, but its Arabic half reads {ArabicHalf} in several frames: the halves differ (a cloned or forged plate?)")]
    private static partial void LogHalvesDiffer(ILogger log, Guid evidenceId, string plate, string? arabicHalf);
}
