using System.Runtime;
using EdgeCamera.Bench.Engines;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// The simulated camera's RTSP stream (1080p25, real time) read by <see cref="FfmpegCamera"/> (bounded queue, drops
/// the oldest) and handled by the worker's own two stages (<c>PlatePipelineWorker.RunStagesAsync</c>: detect on one
/// thread, read, track, build evidence and store on another, a bounded queue between them that drops the oldest)
/// with one engine, for a bounded number of frames read by the camera. Frames skipped: those the camera's queue drops
/// plus those the queue between the stages drops. Frame latency: from the frame's capture stamp (the camera reader's
/// clock when the frame's last byte came off the decoder pipe) to the read stage finishing it (read, tracked, voted;
/// a finished vehicle's <see cref="VehicleRead"/>, before its pictures are encoded, it is built into evidence and
/// stored: those come next on the same thread, so they delay the frames after it).
/// A skipped frame has no latency.
/// </summary>
internal sealed record LiveRun(
    long FramesRead, long Processed, long CameraDropped, long DetectedDropped, TimeSpan StreamWall, TimeSpan CpuWall,
    Percentiles FrameLatencyMs, double FirstQuarterP50Ms, double LastQuarterP50Ms,
    Percentiles ReadEmitLatencyMs, Percentiles LastSeenToReadMs,
    CpuTimes Cpu, long PeakRssBytes, bool PeakRssReset, long DecoderPeakRssBytes, PlateScore Score, FfmpegCamera.SessionEnd End)
{
    /// <summary>Time to connect to the RTSP server and get the first frame, on top of the measured duration.</summary>
    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(20);

    /// <summary>Decoder sessions tried before the first frame arrives (each waits the camera's stall timeout at most).</summary>
    private const int MaxStartAttempts = 3;

    /// <summary>Peak-RSS sampling period of the decoder child.</summary>
    private static readonly TimeSpan RssSampling = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the run looks whether the camera has read its target count (one frame at 25 frames/s).</summary>
    private static readonly TimeSpan TargetPolling = TimeSpan.FromMilliseconds(40);

    /// <summary>Frames skipped deliberately: dropped by the camera's queue or by the queue between the stages.</summary>
    public long Dropped => CameraDropped + DetectedDropped;

    public double HandledPerSecond => (Processed + Dropped) / StreamWall.TotalSeconds;

    public double ProcessedPerSecond => Processed / StreamWall.TotalSeconds;

    public static async Task<LiveRun> RunAsync(string url, SimcamGroundTruth truth, BenchEngine engine, TimeSpan duration, FramePixelFormat format, bool prepareAhead, ILoggerFactory logs, TimeProvider time)
    {
        var targetFrames = (long)Math.Round(duration.TotalSeconds * truth.Fps);
        var options = new CameraOptions { Url = url, WidthPx = truth.Width, HeightPx = truth.Height, PixelFormat = format };
        using var camera = new FfmpegCamera(options, logs.CreateLogger<FfmpegCamera>(), time);
        var observer = new StageObserver(time);
        using var harness = new PipelineHarness(camera, engine, time, observer, new PipelineOptions { PrepareAhead = prepareAhead });
        using var stop = new CancellationTokenSource(duration + StartAllowance);
        using var stopWatching = new CancellationTokenSource();

        // What the offline run left behind (its frames in flight, pooled buffers) is given back before the peak is
        // reset: the unit runs no offline pass before it goes live.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var peakReset = MemoryPeaks.TryResetSelfPeak();
        var decoderPeak = MemoryPeaks.WatchChildrenPeakBytesAsync("ffmpeg", RssSampling, stopWatching.Token);
        var cpu0 = CpuTimes.Now();
        var start = time.GetTimestamp();

        // The unit's two stages on the camera's queue, as PlatePipelineWorker.ExecuteAsync runs them.
        var stages = Task.Run(() => harness.RunStagesAsync(camera.Frames, stop.Token), CancellationToken.None);
        var target = StopAtTargetAsync(camera, stages, targetFrames, stop);

        // Ends when the camera has read its frames, or at the deadline. A session that ends before its first frame (the
        // RTSP server is slow to prepare its first client on a loaded machine: the camera's stall timeout) is retried.
        var end = await camera.RunSessionAsync(stop.Token);
        for (var attempt = 1; attempt < MaxStartAttempts && end is FfmpegCamera.SessionEnd.Stalled or FfmpegCamera.SessionEnd.FailedToStart
            && camera.Stats.FramesRead == 0 && !stop.IsCancellationRequested; attempt++)
        {
            Console.WriteLine($"{engine.Name}: the RTSP session ended ({end}) before its first frame; connecting again");
            end = await camera.RunSessionAsync(stop.Token);
        }

        await stop.CancelAsync();
        await target;
        await stages; // the read stage flushes the tracker on the way out (VehiclesFlushed)
        var cpuWall = time.GetElapsedTime(start);
        var cpu = CpuTimes.Now() - cpu0; // the decoder has exited and been waited for: its time is in ReapedChildren
        await stopWatching.CancelAsync();

        var latencies = observer.FrameLatencyMs;
        var quarter = Math.Max(1, latencies.Count / 4);
        return new LiveRun(
            camera.Stats.FramesRead, latencies.Count, camera.Stats.FramesDropped, observer.DetectedDropped, observer.StreamWall, cpuWall,
            new Percentiles(latencies),
            new Percentiles(latencies.Take(quarter)).At(50), new Percentiles(latencies.TakeLast(quarter)).At(50),
            new Percentiles(observer.ReadEmitLatencyMs), new Percentiles(observer.LastSeenToReadMs),
            cpu, MemoryPeaks.SelfPeakBytes(), peakReset, await decoderPeak,
            PlateScore.Of(observer.Emitted, truth, camera.Stats.FramesRead), end);
    }

    /// <summary>Stops the run once the camera has read the target count, or when the stages end early (a fault).</summary>
    private static async Task StopAtTargetAsync(FfmpegCamera camera, Task stages, long targetFrames, CancellationTokenSource stop)
    {
        try
        {
            while (camera.Stats.FramesRead < targetFrames && !stages.IsCompleted)
            {
                await Task.Delay(TargetPolling, stop.Token);
            }

            await stop.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            // Deadline passed or the stream ended.
        }
    }
}
