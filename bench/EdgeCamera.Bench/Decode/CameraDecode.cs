using System.Diagnostics;
using EdgeCamera.Hardware.Camera;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Bench.Decode;

/// <summary>What <see cref="FfmpegCamera"/> delivers reading the clip file as fast as it decodes (a consumer that only disposes).</summary>
internal sealed record CameraDecodeResult(long FramesRead, long FramesDropped, TimeSpan Wall, FfmpegCamera.SessionEnd End)
{
    public double FramesPerSecond => FramesRead / Wall.TotalSeconds;

    public static async Task<CameraDecodeResult> MeasureAsync(string clip, int width, int height, FramePixelFormat format, ILoggerFactory logs, TimeProvider time)
    {
        using var script = new FileDecoderScript();
        var options = new CameraOptions { Url = clip, WidthPx = width, HeightPx = height, FfmpegPath = script.Path, PixelFormat = format };
        using var camera = new FfmpegCamera(options, logs.CreateLogger<FfmpegCamera>(), time);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var sw = Stopwatch.StartNew();
        var drain = Task.Run(async () =>
        {
            try
            {
                await foreach (var frame in camera.Frames.ReadAllAsync(stop.Token))
                {
                    frame.Dispose();
                }
            }
            catch (OperationCanceledException)
            {
                // Session over.
            }
        });
        var end = await camera.RunSessionAsync(stop.Token);
        sw.Stop();
        await stop.CancelAsync();
        await drain;
        return new CameraDecodeResult(camera.Stats.FramesRead, camera.Stats.FramesDropped, sw.Elapsed, end);
    }
}
