using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Status;

/// <summary>
/// Looks at the unit twice a second and keeps the status LED on the <see cref="StatusIndicator"/>'s state: the camera
/// counts as up while its last frame is younger than its <see cref="CameraOptions.StallTimeout"/> (after which the camera
/// restarts the stream itself), the uplink while its MQTT session
/// is connected, the door from the tamper switch. Each change is logged.
/// </summary>
public sealed partial class StatusLedWorker(
    StatusIndicator indicator,
    FfmpegCamera camera,
    IOptions<CameraOptions> cameraOptions,
    MqttSession uplink,
    TimeProvider time,
    ILogger<StatusLedWorker> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                var cameraUp = camera.Stats.LastFrameUtc is { } last && time.GetUtcNow() - last < cameraOptions.Value.StallTimeout;
                if (indicator.Update(cameraUp, uplink.IsConnected, out var state))
                {
                    LogState(log, state, StatusIndicator.PatternOf(state), cameraUp, uplink.IsConnected);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit state {State}: status LED {Pattern} (camera up: {CameraUp}, uplink up: {UplinkUp})")]
    private static partial void LogState(ILogger log, UnitState state, Hardware.Outputs.LedPattern pattern, bool cameraUp, bool uplinkUp);
}
