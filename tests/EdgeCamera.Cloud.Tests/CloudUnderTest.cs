using System.Buffers;
using System.Collections.Concurrent;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.NationalSim;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Cloud.Tests;

/// <summary>A real Mosquitto, the national stand-in and one cloud receiver, plus a fake device's MQTT session.</summary>
public sealed class CloudUnderTest : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-cloud-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private Task? _deviceLoop;

    private CloudUnderTest(MosquittoBroker broker) => Broker = broker;

    public MosquittoBroker Broker { get; }

    public WebApplication National { get; private set; } = null!;

    public WebApplication Cloud { get; private set; } = null!;

    public MqttSession Device { get; private set; } = null!;

    public string DeviceId => Signer.DeviceId;

    /// <summary>The fake device's key and chain; its public key is registered with the cloud.</summary>
    public TestDevice Signer { get; } = new("cam-" + Guid.NewGuid().ToString("N")[..8]);

    public string RegistryDirectory => Path.Combine(_dir, "devices");

    /// <summary>Acknowledgements the fake device received, in order.</summary>
    public ConcurrentQueue<EvidenceAck> Acks { get; } = new();

    public static async Task<CloudUnderTest> StartAsync()
    {
        var sut = new CloudUnderTest(await MosquittoBroker.StartAsync());
        sut.Signer.RegisterIn(sut.RegistryDirectory);
        var nationalPort = FreePort.Next();
        sut.National = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{nationalPort}"]);
        await sut.National.StartAsync();
        sut.Cloud = CloudApp.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Broker:Port={sut.Broker.Port}",
            $"--Broker:ClientId=cloud-{sut.DeviceId}",
            $"--Storage:DatabasePath={Path.Combine(sut._dir, "cloud.db")}",
            $"--Devices:PublicKeyDirectory={sut.RegistryDirectory}",
            $"--NationalSystem:BaseUrl=http://127.0.0.1:{nationalPort}/",
            "--NationalSystem:RetryInitialDelay=00:00:00.200",
            "--NationalSystem:RetryMaxDelay=00:00:01",
        ]);
        await sut.Cloud.StartAsync();
        await sut.ConnectDeviceAsync();
        return sut;
    }

    public T CloudService<T>()
        where T : notnull => (T)Cloud.Services.GetService(typeof(T))!;

    public T NationalService<T>()
        where T : notnull => (T)National.Services.GetService(typeof(T))!;

    public Task<bool> PublishAsync(string topic, byte[] payload) => Device.TryPublishAsync(topic, payload, CancellationToken.None);

    public Task<bool> PublishAsync(SealedPackage package) => PublishAsync(Topics.Evidence(package.Manifest.DeviceId), package.WireBytes);


    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_deviceLoop is not null)
        {
            await _deviceLoop;
        }

        await Device.DisposeAsync();
        await Cloud.StopAsync();
        await Cloud.DisposeAsync();
        await National.StopAsync();
        await National.DisposeAsync();
        await Broker.DisposeAsync();
        _stop.Dispose();
        Signer.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task ConnectDeviceAsync()
    {
        Device = new MqttSession(
            new MqttSessionOptions { Port = Broker.Port, ClientId = DeviceId },
            [Topics.Ack(DeviceId)],
            NullLogger<MqttSession>.Instance,
            TimeProvider.System);
        Device.MessageReceived = (_, payload, _) =>
        {
            if (WireJson.TryParseAck(payload.ToArray(), out var ack, out _))
            {
                Acks.Enqueue(ack);
            }

            return Task.CompletedTask;
        };
        _deviceLoop = Device.RunAsync(_stop.Token);
        if (!await Eventually.HoldsAsync(() => Device.IsConnected))
        {
            throw new TimeoutException("test device could not connect to the broker");
        }
    }
}
