using EdgeCamera.Cloud;
using EdgeCamera.Edge;
using EdgeCamera.NationalSim;
using EdgeCamera.TestKit;
using Microsoft.AspNetCore.Builder;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>
/// The whole path on one machine: simulated RTSP camera and Mosquitto as real processes, national stand-in, cloud
/// receiver and edge worker as real hosts in this process (so the test can look inside them), all on 127.0.0.1.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    /// <summary>The end-to-end tests run one at a time: two whole systems on 2 cores read fewer plates (measured 2 of 12).</summary>
    public const string Collection = "end-to-end";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("edgecam-e2e-").FullName;

    public required MosquittoBroker Broker { get; init; }

    public required SimulatedCamera Camera { get; init; }

    public WebApplication National { get; private set; } = null!;

    public WebApplication Cloud { get; private set; } = null!;

    public WebApplication Edge { get; private set; } = null!;

    public string DeviceId => Device.DeviceId;

    /// <summary>The unit's signing key: its private half is the edge's, its public half is registered with the cloud.</summary>
    public TestDevice Device { get; } = new("cam-e2e-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>The walking skeleton: no roadside hardware, and every plain read kept and sent (type READ).</summary>
    public static IReadOnlyList<string> PlainReadsArgs(SimulatedCamera camera) =>
        ["--Hardware:Mode=None", "--ReadRetention:KeepPlainReads=true"];

    /// <param name="edgeArgs">Extra command-line settings of the edge worker, given the camera; default
    /// <see cref="PlainReadsArgs"/>.</param>
    /// <param name="cloudArgs">Extra command-line settings of the cloud receiver (e.g. its watch-list file).</param>
    public static async Task<SystemUnderTest> StartAsync(Func<SimulatedCamera, IReadOnlyList<string>>? edgeArgs = null, IReadOnlyList<string>? cloudArgs = null)
    {
        var broker = await MosquittoBroker.StartAsync();
        var camera = await SimulatedCamera.StartAsync();
        var sut = new SystemUnderTest { Broker = broker, Camera = camera };
        await sut.StartHostsAsync((edgeArgs ?? PlainReadsArgs)(camera), cloudArgs ?? []);
        return sut;
    }

    private async Task StartHostsAsync(IReadOnlyList<string> edgeArgs, IReadOnlyList<string> cloudArgs)
    {
        var nationalPort = FreePort.Next();
        var registry = Path.Combine(_dataDir, "devices");
        Device.RegisterIn(registry);
        var privateKey = Device.WritePrivateKey(Path.Combine(_dataDir, "device-key.pem"));
        var watchListKey = CloudWatchListKey.Create(_dataDir); // the cloud signs the watch list, the unit checks it
        National = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{nationalPort}"]);
        await National.StartAsync();

        Cloud = CloudApp.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Broker:Port={Broker.Port}",
            $"--Broker:ClientId=cloud-{DeviceId}",
            $"--Storage:DatabasePath={Path.Combine(_dataDir, "cloud.db")}",
            $"--Devices:PublicKeyDirectory={registry}",
            $"--NationalSystem:BaseUrl=http://127.0.0.1:{nationalPort}/",
            watchListKey.CloudArg,
            .. cloudArgs,
        ]);
        await Cloud.StartAsync();

        Edge = EdgeApp.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Device:DeviceId={DeviceId}",
            $"--Camera:Url={Camera.Url}",
            $"--Broker:Port={Broker.Port}",
            $"--Broker:ClientId={DeviceId}",
            $"--Outbox:DatabasePath={Path.Combine(_dataDir, "outbox.db")}",
            $"--Signing:PrivateKeyPath={privateKey}",
            $"--Violations:WithheldDatabasePath={Path.Combine(_dataDir, "withheld.db")}",
            watchListKey.EdgeArg,
            .. edgeArgs,
        ]);
        await Edge.StartAsync();
    }

    public T EdgeService<T>()
        where T : notnull => (T)Edge.Services.GetService(typeof(T))!;

    public T CloudService<T>()
        where T : notnull => (T)Cloud.Services.GetService(typeof(T))!;

    public T NationalService<T>()
        where T : notnull => (T)National.Services.GetService(typeof(T))!;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { Edge, Cloud, National })
        {
            if (app is not null)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await app.StopAsync(cts.Token);
                await app.DisposeAsync();
            }
        }

        Camera.Dispose();
        Device.Dispose();
        await Broker.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
