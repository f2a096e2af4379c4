using EdgeCamera.Bench.Engines;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// The clip from its file, every frame through the worker's frame step with one engine, as fast as it goes, for at
/// most one clip or <c>limit</c> of wall time, whichever ends first (a slow engine covers part of the clip; its
/// plates are scored over the vehicles that left the picture within the frames it covered).
/// </summary>
internal sealed record OfflineRun(
    long Frames, int ClipFrames, bool StoppedAtLimit, TimeSpan Wall, Percentiles ProcessingMs, PlateScore Score, CpuTimes Cpu,
    long Detections, long Reads, long? SecondOpinions)
{
    /// <summary>Time for the decoder to stop after the limit, on top of it.</summary>
    private static readonly TimeSpan StopAllowance = TimeSpan.FromSeconds(30);

    public double FramesPerSecond => Frames / Wall.TotalSeconds;

    public static async Task<OfflineRun> RunAsync(string clip, SimcamGroundTruth truth, BenchEngine engine, TimeSpan limit, TimeProvider time)
    {
        using var unusedCamera = new FfmpegCamera(new CameraOptions(), NullLogger<FfmpegCamera>.Instance, time);
        using var harness = new PipelineHarness(unusedCamera, engine, time);
        using var stop = new CancellationTokenSource(limit + StopAllowance);
        var completed = new List<VehicleRead>();
        var emitted = new List<VehicleRead>();
        var processingMs = new List<double>(truth.Frames);
        var asked0 = engine.SecondOpinionsAsked;
        var cpu0 = CpuTimes.Now();
        var start = time.GetTimestamp();
        long frames = 0;
        var stoppedAtLimit = false;
        using (var source = RawVideoFile.Open("ffmpeg", clip, truth.Width, truth.Height, truth.Fps, time))
        {
            while (frames < truth.Frames && await source.ReadAsync(stop.Token) is { } frame)
            {
                using (frame)
                {
                    var t0 = time.GetTimestamp();
                    harness.Process(frame, completed);
                    processingMs.Add(time.GetElapsedTime(t0).TotalMilliseconds);
                }

                frames++;
                emitted.AddRange(completed);
                completed.Clear();
                if (time.GetElapsedTime(start) >= limit && frames < truth.Frames)
                {
                    stoppedAtLimit = true;
                    break;
                }
            }
        }

        harness.Flush(emitted);
        var wall = time.GetElapsedTime(start);
        return new OfflineRun(
            frames, truth.Frames, stoppedAtLimit, wall, new Percentiles(processingMs), PlateScore.Of(emitted, truth, frames),
            CpuTimes.Now() - cpu0, harness.Stats.Detections, harness.Stats.Reads, engine.SecondOpinionsAsked - asked0);
    }
}
