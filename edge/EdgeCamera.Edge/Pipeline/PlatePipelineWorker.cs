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
    ViolationStage? violations = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Detection and OCR are CPU-bound and synchronous: keep them off the host's start-up path.
        await Task.Yield();
        var candidates = new PlateCandidate[options.Value.MaxCandidatesPerFrame];
        var reads = new List<PlateText?>(candidates.Length);
        var completed = new List<VehicleRead>();
        try
        {
            await foreach (var frame in camera.Frames.ReadAllAsync(stoppingToken))
            {
                using (frame)
                {
                    // ReadAllAsync looks at the token only when the queue is empty; a live camera keeps it full.
                    if (stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }

                    ProcessFrame(frame, candidates, reads, completed);
                }

                Report(completed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: report what the tracker still holds so no vehicle already seen is lost.
        }

        tracker.Flush(completed);
        Report(completed);
    }

    internal void ProcessFrame(Frame frame, PlateCandidate[] candidates, List<PlateText?> reads, List<VehicleRead> completed)
    {
        var found = detector.Detect(frame, candidates);
        reads.Clear();
        var readCount = 0;
        var maxReads = options.Value.MaxReadsPerFrame;
        for (var i = 0; i < found; i++)
        {
            // Candidates come best first; past the budget they are tracked without a read.
            if (i < maxReads && reader.TryRead(frame, candidates[i].Box, out var text))
            {
                reads.Add(text);
                readCount++;
            }
            else
            {
                reads.Add(null);
            }
        }

        tracker.Observe(frame, candidates.AsSpan(0, found), reads, completed);
        liveView.Offer(frame, candidates.AsSpan(0, found), reads); // ≤ 3 frames/s; JPEG only while watched, off this thread.
        stats.Frame(found, readCount);
    }

    private void Report(List<VehicleRead> completed)
    {
        foreach (var read in completed)
        {
            // Without the violation stage every read is sent (the walking skeleton); with it, violations and kept reads.
            var records = violations is null ? [evidence.Build(read)] : violations.Judge(read);
            foreach (var record in records)
            {
                outbox.Add(record, time.GetUtcNow().UtcDateTime);
            }

            var eventId = records.Count > 0 ? records[0].EventId : Guid.CreateVersion7(read.LastSeenUtc);
            stats.Vehicle();
            liveView.RememberCrop(eventId, read.PlateCropJpeg);
            recent.Add(new RecentVehicles.Entry(eventId, read.Text, read.Country, read.Confidence, read.Votes, read.LastSeenUtc, read.Direction.ToString(), [.. records.Select(r => r.Manifest.Violation.TypeCode)]));
            LogVehicle(log, eventId, read.Text, read.Country, read.Confidence, read.Votes, read.Direction, records.Count);
            if (records.Count > 0)
            {
                uplinkWake.Notify();
            }
        }

        completed.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {EvidenceId}: plate {Plate} ({Country}), confidence {Confidence:F2} from {Votes} reads, {Direction}; {Packages} package(s) stored in outbox")]
    private static partial void LogVehicle(ILogger log, Guid evidenceId, string plate, string country, float confidence, int votes, TravelDirection direction, int packages);
}
