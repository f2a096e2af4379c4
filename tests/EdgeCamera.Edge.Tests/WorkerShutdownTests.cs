using EdgeCamera.Edge.Capture;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeCamera.Edge.Tests;

public sealed class WorkerShutdownTests
{
    [Fact]
    public async Task Stopping_while_the_camera_streams_lets_capture_and_pipeline_finish_before_anything_is_disposed()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var camera = await SimulatedCamera.StartAsync();
        var dir = Directory.CreateTempSubdirectory("edgecam-stop-").FullName;
        var key = Path.Combine(dir, "device.key");
        Assert.Equal(0, Commands.ProvisionCommand.Run(["--key", key], TextWriter.Null));
        var app = EdgeApp.Build(
        [
            $"--Urls=http://127.0.0.1:{FreePort.Next()}", $"--Camera:Url={camera.Url}", $"--Broker:Port={broker.Port}",
            $"--Outbox:DatabasePath={Path.Combine(dir, "outbox.db")}", $"--Signing:PrivateKeyPath={key}", "--Device:DeviceId=cam-stop",
        ]);
        await app.StartAsync();
        var stats = app.Services.GetRequiredService<PipelineStats>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (stats.FramesProcessed < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(stats.FramesProcessed >= 10, "the pipeline never got going");
        await app.StopAsync();

        // A worker still running here would touch the outbox and the OCR engine after they are disposed.
        var workers = app.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s is PlatePipelineWorker or CaptureWorker).ToList();
        Assert.Equal(2, workers.Count);
        Assert.All(workers, w => Assert.True(w.ExecuteTask!.IsCompletedSuccessfully, $"{w.GetType().Name} had not finished when the host stopped"));
        await app.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }
}
