using EdgeCamera.Hardware.Camera;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Hardware.Tests;

/// <summary>The camera reader against the real simulated RTSP camera on 127.0.0.1.</summary>
public sealed class FfmpegCameraTests
{
    [Theory]
    [InlineData(FramePixelFormat.I420)]
    [InlineData(FramePixelFormat.Bgr24)]
    public async Task Frames_arrive_at_full_size_in_order_from_the_rtsp_stream(FramePixelFormat format)
    {
        using var server = await SimulatedCamera.StartAsync();
        var options = Options(server.Url);
        options.PixelFormat = format;
        using var camera = new FfmpegCamera(options, NullLogger<FfmpegCamera>.Instance, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var session = camera.RunSessionAsync(cts.Token);

        var sequences = new List<long>();
        await foreach (var frame in camera.Frames.ReadAllAsync(cts.Token))
        {
            using (frame)
            {
                Assert.Equal(1920, frame.Width);
                Assert.Equal(1080, frame.Height);
                Assert.Equal(format, frame.Format);
                Assert.Equal(Frame.ByteCount(1920, 1080, format), frame.ReadOnlyPixels.Length);
                Assert.True(frame.ReadOnlyPixels.ContainsAnyExcept((byte)0), "frame is all black");
                sequences.Add(frame.Sequence);
            }

            if (sequences.Count == 10)
            {
                break;
            }
        }

        await cts.CancelAsync();
        Assert.Equal(FfmpegCamera.SessionEnd.Cancelled, await session);
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task A_pipeline_that_does_not_keep_up_loses_the_oldest_frames_and_they_are_counted()
    {
        using var server = await SimulatedCamera.StartAsync();
        var options = Options(server.Url);
        options.QueueCapacity = 2;
        using var camera = new FfmpegCamera(options, NullLogger<FfmpegCamera>.Instance, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var session = camera.RunSessionAsync(cts.Token);

        // Nobody reads: the reader must keep going and drop.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (camera.Stats.FramesRead < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await cts.CancelAsync();
        await session;
        Assert.True(camera.Stats.FramesRead >= 20, $"read {camera.Stats.FramesRead} frames");
        Assert.Equal(camera.Stats.FramesRead - options.QueueCapacity, camera.Stats.FramesDropped);
    }

    [Fact]
    public async Task A_recorded_clip_file_is_read_like_a_camera_to_its_end()
    {
        var clip = await SimulatedCamera.RenderAsync(seed: 1);
        var options = Options(Path.Combine(clip, "road.mp4"));
        options.QueueCapacity = 64;
        using var camera = new FfmpegCamera(options, NullLogger<FfmpegCamera>.Instance, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var reader = Task.Run(async () =>
        {
            var n = 0;
            await foreach (var frame in camera.Frames.ReadAllAsync(cts.Token))
            {
                frame.Dispose();
                n++;
            }

            return n;
        });

        var end = await camera.RunSessionAsync(cts.Token);
        await Eventually.HoldsAsync(() => camera.Frames.Count == 0);
        camera.Dispose(); // completes the queue so the reader finishes

        Assert.Equal(FfmpegCamera.SessionEnd.StreamEnded, end);
        Assert.True(SimcamGroundTruth.TryLoad(Path.Combine(clip, "groundtruth.json"), out var truth));
        Assert.Equal(truth.Frames, camera.Stats.FramesRead);
        Assert.Equal(camera.Stats.FramesRead, await reader + camera.Stats.FramesDropped);
    }

    [Fact]
    public async Task A_dead_camera_ends_the_session_instead_of_hanging()
    {
        using var camera = new FfmpegCamera(Options($"rtsp://127.0.0.1:{FreePort.Next()}/nothing"), NullLogger<FfmpegCamera>.Instance, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var end = await camera.RunSessionAsync(cts.Token);

        Assert.Contains(end, new[] { FfmpegCamera.SessionEnd.StreamEnded, FfmpegCamera.SessionEnd.Stalled });
        Assert.Equal(0, camera.Stats.FramesRead);
    }

    [Fact]
    public async Task When_the_camera_stops_mid_stream_the_session_ends_and_a_new_one_reads_again()
    {
        using var server = await SimulatedCamera.StartAsync();
        using var camera = new FfmpegCamera(Options(server.Url), NullLogger<FfmpegCamera>.Instance, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var first = camera.RunSessionAsync(cts.Token);
        await WaitForFramesAsync(camera, 5);

        server.StopServer();
        var end = await first;
        Assert.NotEqual(FfmpegCamera.SessionEnd.Cancelled, end);

        await server.StartServerAsync();
        var before = camera.Stats.FramesRead;
        var second = camera.RunSessionAsync(cts.Token);
        await WaitForFramesAsync(camera, before + 5);
        await cts.CancelAsync();
        await second;
    }

    private static async Task WaitForFramesAsync(FfmpegCamera camera, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (camera.Stats.FramesRead < count && DateTime.UtcNow < deadline)
        {
            while (camera.Frames.TryRead(out var f))
            {
                f.Dispose();
            }

            await Task.Delay(50);
        }

        Assert.True(camera.Stats.FramesRead >= count, $"only {camera.Stats.FramesRead} frames");
    }

    private static CameraOptions Options(string url) => new()
    {
        Url = url,
        StallTimeout = TimeSpan.FromSeconds(5),
    };
}
