using EdgeCamera.Hardware.Camera;
using EdgeCamera.Violations.Passages;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// Keeps the roadside devices flowing into the <see cref="SensorMatcher"/>: every <see cref="HardwareOptions.PumpInterval"/>
/// it pumps the scenario (simulated mode) and drains the loop and radar queues. The scenario runs on the frame clock
/// (<see cref="SimulatedFrameClock"/>: frames read ÷ fps): it starts at the camera's first frame of each session (the
/// simulated camera serves each new session its clip from frame 0), so sensor times and frame times agree. GPIO mode: opens
/// the input lines and keeps the radar's serial port open, reopening it after a failure.
/// </summary>
public sealed partial class RoadsideSensorWorker(
    RoadsideDevices devices,
    SensorMatcher matcher,
    FfmpegCamera camera,
    IOptions<HardwareOptions> options,
    TimeProvider time,
    ILogger<RoadsideSensorWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        Task radar = Task.CompletedTask;
        if (devices.Mode == HardwareMode.Gpio)
        {
            devices.StartGpio();
            radar = RunRadarAsync(o.RadarReopenDelay, stoppingToken);
        }

        LogDevices(log, devices.Mode, devices.ScenarioEventCount);
        var anchor = new FrameAnchor(camera.Stats);
        using var timer = new PeriodicTimer(o.PumpInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (devices.Player is { } player && devices.FrameClock is { } clock)
                {
                    if (anchor.TryTakeNewSession(out var firstSequence))
                    {
                        clock.BeginSession(firstSequence);
                        player.Start(); // clip frame 0
                        LogScenarioStarted(log, firstSequence, camera.Stats.Reconnects);
                    }

                    clock.Advance(camera.Stats.FramesRead - 1);
                    player.Pump();
                }

                matcher.Drain(devices.Loops, devices.Radar);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await radar;
    }

    private async Task RunRadarAsync(TimeSpan reopenDelay, CancellationToken ct)
    {
        if (devices.SerialRadar is not { } radar)
        {
            return;
        }

        try
        {
            while (!ct.IsCancellationRequested)
            {
                await radar.RunSessionAsync(ct);
                await Task.Delay(reopenDelay, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Notices the first frame of each camera session: the moment the clip's frame 0 arrived.</summary>
    private sealed class FrameAnchor(CameraStats stats)
    {
        private long _reconnectsSeen = -1;
        private long _framesAtSessionStart;

        public bool TryTakeNewSession(out long firstSequence)
        {
            firstSequence = _framesAtSessionStart;
            var reconnects = stats.Reconnects;
            if (reconnects != _reconnectsSeen)
            {
                // A new session (or the first): wait for its first frame.
                _reconnectsSeen = reconnects;
                _framesAtSessionStart = stats.FramesRead;
                if (reconnects == 0 && _framesAtSessionStart > 0)
                {
                    _framesAtSessionStart = 0; // frames arrived before the first look: the first session has begun
                }
            }

            if (_framesAtSessionStart >= 0 && stats.FramesRead > _framesAtSessionStart)
            {
                // Frame sequences count every frame read: the session's first frame is the one after those before it.
                firstSequence = _framesAtSessionStart;
                _framesAtSessionStart = -1;
                return true;
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roadside hardware: {Mode}; scenario of {Events} events")]
    private static partial void LogDevices(ILogger log, HardwareMode mode, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated road scenario started on the clip clock at camera frame {FirstSequence} ({Reconnects} reconnects)")]
    private static partial void LogScenarioStarted(ILogger log, long firstSequence, long reconnects);
}
