using EdgeCamera.NationalSim;
using EdgeCamera.TestKit;
using Microsoft.AspNetCore.Builder;

namespace EdgeCamera.Cloud.Tests.ScaleOut;

/// <summary>
/// A real Mosquitto, one real PostgreSQL, the national stand-in and several cloud receiver nodes (in-process hosts)
/// in one shared-subscription group, plus simulated devices.
/// </summary>
public sealed class ScaleOutUnderTest : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-scaleout-").FullName;
    private int _nationalPort;

    private ScaleOutUnderTest(MosquittoBroker broker, PostgresServer postgres)
    {
        Broker = broker;
        Postgres = postgres;
    }

    public MosquittoBroker Broker { get; }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; private set; } = string.Empty;

    public WebApplication National { get; private set; } = null!;

    public List<WebApplication> Nodes { get; } = [];

    public List<SimulatedDevice> Devices { get; } = [];

    public string RegistryDirectory => Path.Combine(_dir, "devices");

    public static async Task<ScaleOutUnderTest> StartAsync(int nodes, int devices, params string[] extraNodeArgs)
    {
        var sut = new ScaleOutUnderTest(await MosquittoBroker.StartAsync(), await PostgresServer.StartAsync());
        sut.ConnectionString = await sut.Postgres.CreateDatabaseAsync("scaleout");
        sut._nationalPort = FreePort.Next();
        sut.National = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{sut._nationalPort}"]);
        await sut.National.StartAsync();
        for (var d = 0; d < devices; d++)
        {
            sut.Devices.Add(await SimulatedDevice.ConnectAsync($"cam-{d + 1}-{Guid.NewGuid().ToString("N")[..6]}", sut.Broker.Port, sut.RegistryDirectory));
        }

        for (var n = 0; n < nodes; n++)
        {
            var node = CloudApp.Build(
            [
                "--Urls=http://127.0.0.1:0",
                $"--Broker:Port={sut.Broker.Port}",
                $"--Broker:ClientId=cloud-node-{n + 1}",
                "--Receiver:SharedGroup=edgecam-cloud",
                "--Storage:Provider=PostgreSql",
                $"--Storage:ConnectionString={sut.ConnectionString}",
                $"--Devices:PublicKeyDirectory={sut.RegistryDirectory}",
                $"--NationalSystem:BaseUrl=http://127.0.0.1:{sut._nationalPort}/",
                "--NationalSystem:RetryInitialDelay=00:00:00.200",
                "--NationalSystem:RetryMaxDelay=00:00:01",
                "--NationalSystem:PollInterval=00:00:00.500",
                .. extraNodeArgs,
            ]);
            await node.StartAsync();
            sut.Nodes.Add(node);
            await sut.WaitUntilSubscribedAsync(n);
        }

        return sut;
    }

    /// <summary>
    /// A node's host starts before its MQTT subscription is in place, and the broker drops what nobody subscribed to
    /// (a real device would resend; these test devices do not). So probe: publish a malformed message on a device's
    /// topic until this node counts one (the shared subscription deals probes to every subscribed node in turn).
    /// </summary>
    private async Task WaitUntilSubscribedAsync(int node)
    {
        var metrics = NodeService<Cloud.Intake.IntakeMetrics>(node);
        var probe = "probe"u8.ToArray();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (metrics.RejectedByReason.ContainsKey(Cloud.Intake.RejectReason.Malformed))
            {
                return;
            }

            await Devices[0].Session.TryPublishAsync(Contracts.Mqtt.Topics.Evidence(Devices[0].DeviceId), probe, CancellationToken.None);
            await Task.Delay(100);
        }

        throw new TimeoutException($"receiver node {node + 1} did not subscribe within 30 s");
    }

    /// <summary>Round by round, each device signs its next package and publishes it <paramref name="copies"/> times
    /// (a copy is a duplicate the receivers must absorb); the event ids sent, once each.</summary>
    public async Task<List<Guid>> PublishRoundsAsync(int rounds, int copies = 1)
    {
        var sent = new List<Guid>();
        for (var i = 0; i < rounds; i++)
        {
            foreach (var device in Devices)
            {
                var package = device.Signer.Next();
                sent.Add(package.Manifest.EventId);
                for (var c = 0; c < copies; c++)
                {
                    Assert.True(await device.PublishAsync(package));
                }
            }
        }

        return sent;
    }

    public T NodeService<T>(int node)
        where T : notnull => (T)Nodes[node].Services.GetService(typeof(T))!;

    public T NationalService<T>()
        where T : notnull => (T)National.Services.GetService(typeof(T))!;

    public async ValueTask DisposeAsync()
    {
        foreach (var device in Devices)
        {
            await device.DisposeAsync();
        }

        foreach (var node in Nodes)
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }

        await National.StopAsync();
        await National.DisposeAsync();
        await Broker.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
