using System.Threading.Channels;
using EdgeCamera.Bench.Engines;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// The clip from its file, as fast as it goes, through the unit's own two stages (detect on one thread; read, track,
/// vote, build evidence and store on another) with queues that wait instead of dropping
/// (<see cref="QueueFullPolicy.Wait"/>), so every frame is detected; for at most one clip or <c>limit</c> of wall
/// time, whichever ends first (a slow engine covers part of the clip; its plates are scored over the vehicles that
/// left the picture within the frames it covered). Then the cost of the work alone: the worker's frame step
/// (detect, read, track) one frame after the other on one thread, over the clip's first <see cref="StepFrames"/>
/// (or as many as <see cref="StepLimit"/> allows).
/// </summary>
internal sealed record OfflineRun(
    long Frames, int ClipFrames, bool StoppedAtLimit, TimeSpan Wall, Percentiles FrameLatencyMs, Percentiles StepMs,
    PlateScore Score, CpuTimes Cpu, long Detections, long Reads, long SettledSkips, long? SecondOpinions)
{
    /// <summary>Time for the decoder and the stages to stop after the limit, on top of it.</summary>
    private static readonly TimeSpan StopAllowance = TimeSpan.FromSeconds(30);

    /// <summary>Frames timed one at a time for the frame-step cost: 5 s of the 25 frames/s clip.</summary>
    private const int StepFrames = 125;

    /// <summary>Wall time the one-thread timing may take (the Haar baseline needs ~20 s for 125 frames here).</summary>
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(30);

    /// <summary>Decoded frames waiting for the detect stage (the decoder waits when it is full).</summary>
    private const int DecodedQueueCapacity = 3;

    public double FramesPerSecond => Frames / Wall.TotalSeconds;

    public static async Task<OfflineRun> RunAsync(string clip, SimcamGroundTruth truth, BenchEngine engine, TimeSpan limit, FramePixelFormat format, bool prepareAhead, TimeProvider time)
    {
        using var unusedCamera = new FfmpegCamera(new CameraOptions(), NullLogger<FfmpegCamera>.Instance, time);
        var observer = new StageObserver(time);
        var pipeline = new PipelineOptions { DetectedQueueFull = QueueFullPolicy.Wait, PrepareAhead = prepareAhead };
        using var stop = new CancellationTokenSource(limit + StopAllowance);
        var asked0 = engine.SecondOpinionsAsked;
        bool stoppedAtLimit;
        TimeSpan wall;
        CpuTimes cpu;
        PipelineStats stats;
        using (var harness = new PipelineHarness(unusedCamera, engine, time, observer, pipeline))
        {
            var decoded = Channel.CreateBounded<Frame>(new BoundedChannelOptions(DecodedQueueCapacity)
            {
                FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true,
            });
            var cpu0 = CpuTimes.Now();
            var start = time.GetTimestamp();
            var stages = Task.Run(() => harness.RunStagesAsync(decoded.Reader, stop.Token), CancellationToken.None);
            stoppedAtLimit = await FeedAsync(clip, truth, format, decoded.Writer, start, limit, time, stop.Token);
            await stages;
            wall = time.GetElapsedTime(start);
            cpu = CpuTimes.Now() - cpu0; // the decoder has exited: its time is in ReapedChildren
            stats = harness.Stats;
        }

        var frames = observer.FrameLatencyMs.Count;
        var stepMs = await TimeFrameStepAsync(clip, truth, format, engine, time);
        return new OfflineRun(
            frames, truth.Frames, stoppedAtLimit, wall, new Percentiles(observer.FrameLatencyMs), new Percentiles(stepMs),
            PlateScore.Of(observer.Emitted, truth, frames), cpu, stats.Detections, stats.Reads, stats.SettledSkips, engine.SecondOpinionsAsked - asked0);
    }

    /// <summary>Decodes the clip into the stages' queue, waiting when it is full; true when the time limit cut it short.</summary>
    private static async Task<bool> FeedAsync(
        string clip, SimcamGroundTruth truth, FramePixelFormat format, ChannelWriter<Frame> decoded, long start, TimeSpan limit, TimeProvider time, CancellationToken ct)
    {
        long frames = 0;
        try
        {
            using var source = RawVideoFile.Open("ffmpeg", clip, truth.Width, truth.Height, format, truth.Fps, time);
            while (frames < truth.Frames && await source.ReadAsync(ct) is { } frame)
            {
                try
                {
                    await decoded.WriteAsync(frame, ct);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }

                frames++;
                if (time.GetElapsedTime(start) >= limit && frames < truth.Frames)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            decoded.TryComplete();
        }
    }

    /// <summary>The frame step alone, one frame after the other on this thread, over the clip's first frames, for at
    /// most <see cref="StepLimit"/> (a slow engine is timed on the frames it covered by then).</summary>
    private static async Task<List<double>> TimeFrameStepAsync(string clip, SimcamGroundTruth truth, FramePixelFormat format, BenchEngine engine, TimeProvider time)
    {
        using var limit = new CancellationTokenSource(StepLimit);
        var ct = limit.Token;
        using var unusedCamera = new FfmpegCamera(new CameraOptions(), NullLogger<FfmpegCamera>.Instance, time);
        using var harness = new PipelineHarness(unusedCamera, engine, time);
        using var source = RawVideoFile.Open("ffmpeg", clip, truth.Width, truth.Height, format, truth.Fps, time);
        var completed = new List<VehicleRead>();
        var stepMs = new List<double>(StepFrames);
        while (stepMs.Count < Math.Min(StepFrames, truth.Frames) && !ct.IsCancellationRequested
            && await ReadOrNullAsync(source, ct) is { } frame)
        {
            using (frame)
            {
                var t0 = time.GetTimestamp();
                harness.Process(frame, completed);
                stepMs.Add(time.GetElapsedTime(t0).TotalMilliseconds);
            }

            completed.Clear();
        }

        return stepMs;
    }

    private static async Task<Frame?> ReadOrNullAsync(RawVideoFile source, CancellationToken ct)
    {
        try
        {
            return await source.ReadAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
