using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>The clip from its file, every frame through the worker's frame step, as fast as it goes.</summary>
internal sealed record OfflineRun(long Frames, TimeSpan Wall, Percentiles ProcessingMs, PlateScore Score, CpuTimes Cpu, long Detections, long Reads)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    public double FramesPerSecond => Frames / Wall.TotalSeconds;

    public static async Task<OfflineRun> RunAsync(string clip, SimcamGroundTruth truth, TimeProvider time)
    {
        using var unusedCamera = new FfmpegCamera(new CameraOptions(), NullLogger<FfmpegCamera>.Instance, time);
        using var harness = new PipelineHarness(unusedCamera, time);
        using var stop = new CancellationTokenSource(Limit);
        var completed = new List<VehicleRead>();
        var emitted = new List<VehicleRead>();
        var processingMs = new List<double>(truth.Frames);
        var cpu0 = CpuTimes.Now();
        var start = time.GetTimestamp();
        long frames = 0;
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
            }
        }

        harness.Flush(emitted);
        var wall = time.GetElapsedTime(start);
        return new OfflineRun(
            frames, wall, new Percentiles(processingMs), PlateScore.Of(emitted, truth, frames), CpuTimes.Now() - cpu0,
            harness.Stats.Detections, harness.Stats.Reads);
    }
}
