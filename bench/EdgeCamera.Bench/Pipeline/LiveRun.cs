using EdgeCamera.Bench.Engines;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// The simulated camera's RTSP stream (1080p25, real time) read by <see cref="FfmpegCamera"/> (bounded queue, drops
/// the oldest) and handled by the worker's frame step with one engine, for a bounded number of frames.
/// Frame latency: from the frame's capture stamp (the camera reader's clock when the frame's last byte came off the
/// decoder pipe) to the end of the frame step for that frame (detect, read, track, and — when a vehicle finishes —
/// its evidence JPEGs). A dropped frame has no latency; it is counted as dropped.
/// </summary>
internal sealed record LiveRun(
    long FramesRead, long Processed, long Dropped, TimeSpan StreamWall, TimeSpan CpuWall,
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

    public double HandledPerSecond => (Processed + Dropped) / StreamWall.TotalSeconds;

    public double ProcessedPerSecond => Processed / StreamWall.TotalSeconds;

    public static async Task<LiveRun> RunAsync(string url, SimcamGroundTruth truth, BenchEngine engine, TimeSpan duration, ILoggerFactory logs, TimeProvider time)
    {
        var targetFrames = (long)Math.Round(duration.TotalSeconds * truth.Fps);
        var options = new CameraOptions { Url = url, WidthPx = truth.Width, HeightPx = truth.Height };
        using var camera = new FfmpegCamera(options, logs.CreateLogger<FfmpegCamera>(), time);
        using var harness = new PipelineHarness(camera, engine, time);
        using var stop = new CancellationTokenSource(duration + StartAllowance);
        using var stopWatching = new CancellationTokenSource();
        var consumer = new Consumer(camera, harness, targetFrames, stop, time);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peakReset = MemoryPeaks.TryResetSelfPeak();
        var decoderPeak = MemoryPeaks.WatchChildrenPeakBytesAsync("ffmpeg", RssSampling, stopWatching.Token);
        var cpu0 = CpuTimes.Now();
        var start = time.GetTimestamp();

        var consuming = Task.Run(consumer.RunAsync);
        // Ends when the consumer has its frames, or at the deadline. A session that ends before its first frame (the
        // RTSP server is slow to prepare its first client on a loaded machine: the camera's stall timeout) is retried.
        var end = await camera.RunSessionAsync(stop.Token);
        for (var attempt = 1; attempt < MaxStartAttempts && end is FfmpegCamera.SessionEnd.Stalled or FfmpegCamera.SessionEnd.FailedToStart
            && camera.Stats.FramesRead == 0 && !stop.IsCancellationRequested; attempt++)
        {
            Console.WriteLine($"{engine.Name}: the RTSP session ended ({end}) before its first frame; connecting again");
            end = await camera.RunSessionAsync(stop.Token);
        }

        await stop.CancelAsync();
        await consuming;
        var cpuWall = time.GetElapsedTime(start);
        var cpu = CpuTimes.Now() - cpu0; // the decoder has exited and been waited for: its time is in ReapedChildren
        await stopWatching.CancelAsync();

        harness.Flush(consumer.Emitted);
        var latencies = consumer.FrameLatencyMs;
        var quarter = Math.Max(1, latencies.Count / 4);
        return new LiveRun(
            camera.Stats.FramesRead, latencies.Count, camera.Stats.FramesDropped, consumer.StreamWall, cpuWall,
            new Percentiles(latencies),
            new Percentiles(latencies.Take(quarter)).At(50), new Percentiles(latencies.TakeLast(quarter)).At(50),
            new Percentiles(consumer.ReadEmitLatencyMs), new Percentiles(consumer.LastSeenToReadMs),
            cpu, MemoryPeaks.SelfPeakBytes(), peakReset, await decoderPeak,
            PlateScore.Of(consumer.Emitted, truth, camera.Stats.FramesRead), end);
    }

    /// <summary>The pipeline's side: takes frames off the camera queue until it has seen the target count.</summary>
    private sealed class Consumer(FfmpegCamera camera, PipelineHarness harness, long targetFrames, CancellationTokenSource stop, TimeProvider time)
    {
        private readonly List<VehicleRead> _completed = [];
        private long _firstCapture;
        private long _lastCapture;

        public List<VehicleRead> Emitted { get; } = [];

        public List<double> FrameLatencyMs { get; } = new(4096);

        public List<double> ReadEmitLatencyMs { get; } = [];

        public List<double> LastSeenToReadMs { get; } = [];

        /// <summary>From the first frame's capture to the last frame's capture.</summary>
        public TimeSpan StreamWall => time.GetElapsedTime(_firstCapture, _lastCapture);

        public async Task RunAsync()
        {
            try
            {
                await foreach (var frame in camera.Frames.ReadAllAsync(stop.Token))
                {
                    using (frame)
                    {
                        Handle(frame);
                    }

                    if (camera.Stats.FramesRead >= targetFrames)
                    {
                        await stop.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Target reached, deadline passed, or the stream ended.
            }
        }

        private void Handle(Frame frame)
        {
            if (_firstCapture == 0)
            {
                _firstCapture = frame.CapturedAtTimestamp;
            }

            _lastCapture = frame.CapturedAtTimestamp;
            harness.Process(frame, _completed);
            var latency = time.GetElapsedTime(frame.CapturedAtTimestamp).TotalMilliseconds;
            FrameLatencyMs.Add(latency);
            var nowUtc = time.GetUtcNow();
            foreach (var read in _completed)
            {
                ReadEmitLatencyMs.Add(latency);
                LastSeenToReadMs.Add((nowUtc - read.LastSeenUtc).TotalMilliseconds);
            }

            Emitted.AddRange(_completed);
            _completed.Clear();
        }
    }
}
