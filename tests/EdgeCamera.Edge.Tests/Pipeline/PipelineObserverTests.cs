using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Site;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Tests.Pipeline;

/// <summary>The worker's two stages, fed frames by the test (scripted detector, a reader the test holds), watched.</summary>
public sealed class PipelineObserverTests : IDisposable
{
    /// <summary>Bounds every wait: a stage that never gets there fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-observer-").FullName;
    private readonly DeviceKey _key = DeviceKey.Generate();
    private readonly WakeSignal _wake = new();
    private readonly PlateTracker _tracker = new(new TrackerOptions());
    private readonly FfmpegCamera _unusedCamera = new(new CameraOptions(), NullLogger<FfmpegCamera>.Instance, TimeProvider.System);
    private readonly LiteDbOutbox _outbox;

    public PipelineObserverTests() => _outbox = new LiteDbOutbox(Path.Combine(_dir, "outbox.db"), _key);

    [Fact]
    public async Task Each_frame_is_reported_processed_by_the_read_stage_or_skipped_when_the_detected_queue_drops_it()
    {
        var observer = new RecordingObserver();
        var stats = new PipelineStats();

        // Capacity 2: frames 1 and 2 fill the queue behind the held frame 0, frame 3 pushes the oldest (1) out.
        var frames = await RunWithFirstFrameHeldAsync(observer, stats, frameCount: 4, QueueFullPolicy.DropOldest, releaseAfter: observer.Dropped);

        Assert.Equal([(0L, 1000L), (2L, 1002L), (3L, 1003L)], observer.Processed.ToArray());
        Assert.Equal([(1L, 1001L)], observer.Skipped.ToArray());
        Assert.Equal(1, observer.Flushes);
        Assert.Equal(3, stats.FramesProcessed);
        Assert.Equal(1, stats.DetectedDropped);
        Assert.All(frames, f => Assert.True(f.IsDisposed));
    }

    [Fact]
    public async Task A_file_replay_waits_for_the_read_stage_and_reads_every_frame()
    {
        var observer = new RecordingObserver();
        var stats = new PipelineStats();

        // Five frames arrive behind the held frame 0, more than the detected queue (2) holds.
        var frames = await RunWithFirstFrameHeldAsync(observer, stats, frameCount: 6, QueueFullPolicy.Wait);

        Assert.Equal(Enumerable.Range(0, 6).Select(i => ((long)i, 1000L + i)), observer.Processed.ToArray());
        Assert.Empty(observer.Skipped);
        Assert.Equal(0, stats.DetectedDropped);
        Assert.Equal(6, stats.FramesProcessed);
        Assert.All(frames, f => Assert.True(f.IsDisposed));
    }

    [Fact]
    public async Task A_detector_that_prepares_ahead_detects_every_waiting_frame_once_in_order_from_its_own_input()
    {
        var observer = new RecordingObserver();
        var detector = new SlotCheckingDetector();
        using var worker = Worker(new NoReader(), observer, new PipelineStats(), 2, QueueFullPolicy.Wait, detector);
        var frames = await RunQueuedAsync(worker, frameCount: 20);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), observer.Processed.Select(p => p.Sequence));
        Assert.Empty(detector.Mismatches);
        Assert.True(detector.PreparedOnAnotherThread > 0, "no frame was prepared while the model ran");
        Assert.All(frames, f => Assert.True(f.IsDisposed));
    }

    [Fact]
    public async Task A_preparation_that_fails_stops_the_stage_with_its_error_and_no_frame_is_left_undisposed()
    {
        var detector = new SlotCheckingDetector { FailOn = 5 };
        using var worker = Worker(new NoReader(), new RecordingObserver(), new PipelineStats(), 2, QueueFullPolicy.Wait, detector);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunQueuedAsync(worker, frameCount: 20, drainAfter: true));

        Assert.Contains("frame 5", error.Message, StringComparison.Ordinal);
    }

    /// <summary>All frames queued before the stages start (a file replay), then the input ends; with
    /// <paramref name="drainAfter"/>, whatever the stages left in the input is disposed and every frame must be.</summary>
    private static async Task<Frame[]> RunQueuedAsync(PlatePipelineWorker worker, int frameCount, bool drainAfter = false)
    {
        var input = Channel.CreateUnbounded<Frame>();
        var frames = Frames(frameCount);
        foreach (var frame in frames)
        {
            Assert.True(input.Writer.TryWrite(frame));
        }

        input.Writer.Complete();
        using var stop = new CancellationTokenSource(Bound);
        try
        {
            await worker.RunStagesAsync(input.Reader, stop.Token).WaitAsync(Bound);
        }
        finally
        {
            if (drainAfter)
            {
                while (input.Reader.TryRead(out var left))
                {
                    left.Dispose();
                }

                Assert.All(frames, f => Assert.True(f.IsDisposed));
            }
        }

        return frames;
    }

    /// <summary>
    /// Runs both stages (detected queue of 2) on <paramref name="frameCount"/> frames: frame 0 is detected and then held
    /// in the read stage until the others have been sent (and <paramref name="releaseAfter"/> is set, when given), so
    /// they wait in the queues; then the input ends and the stages finish.
    /// </summary>
    private async Task<Frame[]> RunWithFirstFrameHeldAsync(
        RecordingObserver observer, PipelineStats stats, int frameCount, QueueFullPolicy whenFull, ManualResetEventSlim? releaseAfter = null)
    {
        var reader = new HeldFirstReader();
        using var worker = Worker(reader, observer, stats, detectedQueueCapacity: 2, whenFull);
        var input = Channel.CreateUnbounded<Frame>();
        var frames = Frames(frameCount);
        using var stop = new CancellationTokenSource(Bound);
        var stages = Task.Run(() => worker.RunStagesAsync(input.Reader, stop.Token));

        Assert.True(input.Writer.TryWrite(frames[0]));
        Assert.True(reader.Entered.Wait(Bound), "the read stage never took frame 0");
        foreach (var frame in frames[1..])
        {
            Assert.True(input.Writer.TryWrite(frame));
        }

        Assert.True(releaseAfter?.Wait(Bound) ?? true, "the awaited pipeline event never came");
        reader.Release.Set();
        input.Writer.Complete();
        await stages.WaitAsync(Bound);
        return frames;
    }

    /// <summary>Frames 0 … count − 1, captured at timestamps 1000, 1001, …</summary>
    private static Frame[] Frames(int count) =>
        Enumerable.Range(0, count).Select(i => new Frame(64, 32, i, DateTimeOffset.UnixEpoch, 1000 + i)).ToArray();

    public void Dispose()
    {
        _unusedCamera.Dispose();
        _tracker.Dispose();
        _outbox.Dispose();
        _key.Dispose();
        _wake.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private PlatePipelineWorker Worker(
        IPlateReader reader, IPipelineObserver observer, PipelineStats stats, int detectedQueueCapacity, QueueFullPolicy whenFull, IPlateDetector? detector = null)
    {
        var time = TimeProvider.System;
        var evidence = Options.Create(new EvidenceOptions());
        var device = Options.Create(new DeviceOptions { DeviceId = "test", SiteId = "test", LatitudeDeg = 24.7, LongitudeDeg = 46.7, Road = "test", Direction = "test" });
        return new PlatePipelineWorker(
            _unusedCamera, detector ?? new OnePlateDetector(), reader, _tracker,
            new EvidenceBuilder(device, evidence, new KernelClockSync(evidence), time, new ReadingModels([new("plate-reader", "scripted")])),
            _outbox, _wake, Options.Create(new PipelineOptions { DetectedQueueCapacity = detectedQueueCapacity, DetectedQueueFull = whenFull }), stats,
            new RecentVehicles(), new LiveView(Options.Create(new DiagnosticsOptions()), time), time,
            NullLogger<PlatePipelineWorker>.Instance, observer: observer);
    }

    /// <summary>One candidate in every frame, so the read stage has something to read.</summary>
    private sealed class OnePlateDetector : IPlateDetector
    {
        public int Detect(Frame frame, Span<PlateCandidate> found)
        {
            found[0] = new PlateCandidate(new PixelBox(8, 8, 32, 10), 1f);
            return 1;
        }
    }

    /// <summary>Prepares into two slots and checks that each detection reads the slot prepared from its own frame;
    /// counts preparations made on a thread other than the detecting one (the look-ahead at work).</summary>
    private sealed class SlotCheckingDetector : IPipelinedPlateDetector
    {
        private readonly long[] _prepared = [-1, -1];

        public ConcurrentQueue<string> Mismatches { get; } = new();

        public int PreparedOnAnotherThread { get; private set; }

        public long FailOn { get; init; } = -1;

        public int Detect(Frame frame, Span<PlateCandidate> found)
        {
            Prepare(frame, 0);
            return DetectPrepared(frame, 0, found);
        }

        public void Prepare(Frame frame, int slot)
        {
            if (frame.Sequence == FailOn)
            {
                throw new InvalidOperationException($"frame {frame.Sequence} cannot be prepared");
            }

            if (Thread.CurrentThread.Name == "detector input") // InputPreparer's thread
            {
                PreparedOnAnotherThread++;
            }

            _prepared[slot] = frame.Sequence;
        }

        public int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found)
        {
            if (_prepared[slot] != frame.Sequence)
            {
                Mismatches.Enqueue($"frame {frame.Sequence} detected from slot {slot} holding frame {_prepared[slot]}");
            }

            found[0] = new PlateCandidate(new PixelBox(8, 8, 32, 10), 1f);
            return 1;
        }
    }

    private sealed class NoReader : IPlateReader
    {
        public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
        {
            text = null;
            return false;
        }
    }

    /// <summary>Reads nothing; holds its first call until the test releases it.</summary>
    private sealed class HeldFirstReader : IPlateReader
    {
        private int _calls;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.Set();
                Release.Wait(Bound);
            }

            text = null;
            return false;
        }
    }

    private sealed class RecordingObserver : IPipelineObserver
    {
        public ConcurrentQueue<(long Sequence, long Captured)> Processed { get; } = new();

        public ConcurrentQueue<(long Sequence, long Captured)> Skipped { get; } = new();

        public ManualResetEventSlim Dropped { get; } = new();

        public int Flushes { get; private set; }

        public void FrameProcessed(long sequence, long capturedAtTimestamp, ReadOnlySpan<VehicleRead> completed) =>
            Processed.Enqueue((sequence, capturedAtTimestamp));

        public void DetectedFrameDropped(long sequence, long capturedAtTimestamp)
        {
            Skipped.Enqueue((sequence, capturedAtTimestamp));
            Dropped.Set();
        }

        public void VehiclesFlushed(ReadOnlySpan<VehicleRead> completed) => Flushes++;
    }
}
