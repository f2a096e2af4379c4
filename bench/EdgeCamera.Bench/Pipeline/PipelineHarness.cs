using System.Threading.Channels;
using EdgeCamera.Bench.Engines;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// The edge worker, <see cref="PlatePipelineWorker"/>, with one engine's detector and reader (the caller's; not
/// disposed here) and the unit's default tracker and pipeline options (edge.settings.json leaves them at their
/// defaults, except that the offline run's queue between the stages waits instead of dropping), driven two ways:
/// <see cref="Process"/>, its frame step on the caller's thread (nothing judged or stored; a read is the tracker's
/// <see cref="VehicleRead"/>), and <see cref="RunStagesAsync"/>, the unit's own two stages on their own threads (the
/// live and offline runs), which also build each read's evidence and store it in a throw-away outbox, as the unit
/// does without its violation stage, whose per-frame work — a JPEG of every frame with a plate, kept in the ring
/// of context frames — runs here as in the unit.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-bench-").FullName;
    private readonly PlateTracker _tracker = new(new TrackerOptions());
    private readonly DeviceKey _key = DeviceKey.Generate();
    private readonly LiteDbOutbox _outbox;
    private readonly WakeSignal _wake = new();
    private readonly PlatePipelineWorker _worker;
    private readonly PlateCandidate[] _candidates;
    private readonly List<PlateText?> _reads;

    public PipelineHarness(
        FfmpegCamera camera, BenchEngine engine, TimeProvider time, IPipelineObserver? observer = null, PipelineOptions? pipeline = null)
    {
        pipeline ??= new PipelineOptions();
        _candidates = new PlateCandidate[pipeline.MaxCandidatesPerFrame];
        _reads = new List<PlateText?>(_candidates.Length);
        _outbox = new LiteDbOutbox(Path.Combine(_dir, "outbox.db"), _key);
        var evidenceOptions = Options.Create(new EvidenceOptions());
        var device = Options.Create(new DeviceOptions { DeviceId = "bench", SiteId = "bench", LatitudeDeg = 24.7, LongitudeDeg = 46.7, Road = "bench", Direction = "bench" });
        _worker = new PlatePipelineWorker(
            camera, engine.Detector, engine.Reader, _tracker,
            new EvidenceBuilder(device, evidenceOptions, new KernelClockSync(evidenceOptions), time, new ReadingModels([new("bench-engine", engine.Description)])),
            _outbox, _wake, Options.Create(pipeline), Stats, new RecentVehicles(),
            new LiveView(Options.Create(new DiagnosticsOptions()), time), time,
            NullLogger<PlatePipelineWorker>.Instance, evidenceFrames: FrameRing(), observer: observer);
    }

    public PipelineStats Stats { get; } = new();

    /// <summary>The violation stage's ring of context frames with the unit's defaults: every frame with a plate is
    /// downscaled and JPEG-encoded on the read stage, as in the unit (the rules themselves are not run here).</summary>
    private static EvidenceFrameRing FrameRing()
    {
        var o = new ViolationStageOptions();
        return new EvidenceFrameRing(o.FrameRingCapacity, o.FrameRingDownscale, o.FrameRingJpegQuality);
    }

    /// <summary>Detect, read (best candidates first, within the per-frame budget), track; finished vehicles go to <paramref name="completed"/>.</summary>
    public void Process(Frame frame, List<VehicleRead> completed) => _worker.ProcessFrame(frame, _candidates, _reads, completed);

    /// <summary>
    /// The worker's two stages (detect, then read, track, build evidence and store), as the unit runs them, on
    /// <paramref name="frames"/> until <paramref name="ct"/>; the tracker is flushed at the end (to the observer).
    /// </summary>
    public Task RunStagesAsync(ChannelReader<Frame> frames, CancellationToken ct) => _worker.RunStagesAsync(frames, ct);

    /// <summary>Reports what the tracker still follows (the worker does the same when it stops).</summary>
    public void Flush(List<VehicleRead> completed) => _tracker.Flush(completed);

    public void Dispose()
    {
        _worker.Dispose();
        _tracker.Dispose();
        _outbox.Dispose();
        _key.Dispose();
        _wake.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
