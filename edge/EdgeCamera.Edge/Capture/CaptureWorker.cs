using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Capture;

/// <summary>Keeps the camera's decoder running: restarts it with jittered backoff whenever the stream ends or stalls.</summary>
public sealed partial class CaptureWorker(FfmpegCamera camera, IOptions<CameraOptions> options, TimeProvider time, ILogger<CaptureWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var backoff = new Backoff(o.ReconnectInitialDelay, o.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            var framesBefore = camera.Stats.FramesRead;
            var end = await camera.RunSessionAsync(stoppingToken);
            if (end == FfmpegCamera.SessionEnd.Cancelled)
            {
                break;
            }

            if (camera.Stats.FramesRead > framesBefore)
            {
                backoff.Reset(); // It worked for a while: retry quickly.
            }

            var delay = backoff.Next();
            camera.CountReconnect();
            LogReconnecting(log, end, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera session ended ({End}); reconnecting in {DelayS:F1} s")]
    private static partial void LogReconnecting(ILogger log, FfmpegCamera.SessionEnd end, double delayS);
}
