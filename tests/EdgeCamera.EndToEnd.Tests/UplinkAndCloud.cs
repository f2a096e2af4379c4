using EdgeCamera.Cloud;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.Uplink;
using EdgeCamera.NationalSim;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>
/// The real edge uplink (LiteDB outbox, MQTT session, <see cref="UplinkWorker"/>) and the real cloud receiver
/// (<see cref="CloudApp"/>) with the national stand-in, through a real Mosquitto with persistence; no camera. Each part
/// starts when the test says, so a test can have the device publish before the cloud's subscription exists.
/// </summary>
public sealed class UplinkAndCloud : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-uplink-cloud-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly TestPki? _pki;
    private Task _deviceLoop = Task.CompletedTask;

    private UplinkAndCloud(MosquittoBroker broker, OutboxLimits? limits, TestPki? pki)
    {
        Broker = broker;
        _pki = pki;
        Signer.RegisterIn(Path.Combine(_dir, "devices"));
        Outbox = new LiteDbOutbox(Path.Combine(_dir, "outbox.db"), Signer.Key, limits);
    }

    public MosquittoBroker Broker { get; }

    public TestDevice Signer { get; } = new("cam-" + Guid.NewGuid().ToString("N")[..8]);

    public string DeviceId => Signer.DeviceId;

    public LiteDbOutbox Outbox { get; }

    public WakeSignal Wake { get; } = new();

    public MqttSession Device { get; private set; } = null!;

    public UplinkWorker Uplink { get; private set; } = null!;

    public WebApplication? National { get; private set; }

    public WebApplication? Cloud { get; private set; }

    public static async Task<UplinkAndCloud> CreateAsync(OutboxLimits? limits = null) =>
        new(await MosquittoBroker.StartAsync(), limits, null);

    /// <summary>Device and cloud connect only to the broker's TLS listener, each with a client certificate from the
    /// test's CA (the broker requires one).</summary>
    public static async Task<UplinkAndCloud> CreateWithTlsAsync()
    {
        var pki = new TestPki(Directory.CreateTempSubdirectory("edgecam-uplink-cloud-pki-").FullName);
        var (cert, key) = pki.IssueServer();
        return new(await MosquittoBroker.StartAsync(new MosquittoBroker.TlsListener(pki.CaFile, cert, key)), null, pki);
    }

    public T CloudService<T>()
        where T : notnull => (T)Cloud!.Services.GetService(typeof(T))!;

    public T NationalService<T>()
        where T : notnull => (T)National!.Services.GetService(typeof(T))!;

    /// <summary>Starts the device's uplink; <paramref name="resendAfter"/> long keeps it from resending by itself.</summary>
    public async Task StartDeviceAsync(TimeSpan resendAfter)
    {
        Device = new MqttSession(
            DeviceSessionOptions(),
            [Topics.Ack(DeviceId), Topics.Resend(DeviceId)],
            NullLogger<MqttSession>.Instance,
            TimeProvider.System);
        Uplink = new UplinkWorker(
            Device,
            Outbox,
            Wake,
            Microsoft.Extensions.Options.Options.Create(new OutboxOptions { MaxInFlight = 8, ResendAfter = resendAfter }),
            Microsoft.Extensions.Options.Options.Create(new DeviceOptions { DeviceId = DeviceId }),
            TimeProvider.System,
            NullLogger<UplinkWorker>.Instance);
        await Uplink.StartAsync(_stop.Token);
        _deviceLoop = Uplink.ExecuteTask ?? Task.CompletedTask;
        if (!await Eventually.HoldsAsync(() => Device.IsConnected))
        {
            throw new TimeoutException("device could not connect: " + Broker.RecentOutput);
        }
    }

    public async Task StartCloudAsync()
    {
        var nationalPort = FreePort.Next();
        National = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{nationalPort}"]);
        await National.StartAsync();
        Cloud = CloudApp.Build(
        [
            "--Urls=http://127.0.0.1:0",
            .. CloudBrokerArgs(),
            "--Broker:ReconnectInitialDelay=00:00:00.200",
            "--Broker:ReconnectMaxDelay=00:00:02",
            $"--Storage:DatabasePath={Path.Combine(_dir, "cloud.db")}",
            $"--Devices:PublicKeyDirectory={Path.Combine(_dir, "devices")}",
            $"--NationalSystem:BaseUrl=http://127.0.0.1:{nationalPort}/",
            "--NationalSystem:RetryInitialDelay=00:00:00.200",
            "--NationalSystem:RetryMaxDelay=00:00:01",
        ]);
        await Cloud.StartAsync();
        var session = CloudService<MqttSession>();
        if (!await Eventually.HoldsAsync(() => session.IsConnected))
        {
            throw new TimeoutException("cloud could not connect: " + Broker.RecentOutput);
        }

        await Task.Delay(500); // Connected precedes SUBSCRIBE by one round trip on 127.0.0.1; not a measurement.
    }

    private MqttSessionOptions DeviceSessionOptions()
    {
        var options = new MqttSessionOptions
        {
            Port = _pki is null ? Broker.Port : Broker.TlsPort,
            ClientId = DeviceId,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
        };
        if (_pki is not null)
        {
            (options.TlsClientCertificateFile, options.TlsClientKeyFile) = _pki.IssueClient(DeviceId);
            options.TlsCaFile = _pki.CaFile;
        }

        return options;
    }

    private string[] CloudBrokerArgs()
    {
        var clientId = $"cloud-{DeviceId}";
        if (_pki is null)
        {
            return [$"--Broker:Port={Broker.Port}", $"--Broker:ClientId={clientId}"];
        }

        var (cert, key) = _pki.IssueClient(clientId);
        return
        [
            $"--Broker:Port={Broker.TlsPort}", $"--Broker:ClientId={clientId}", $"--Broker:TlsCaFile={_pki.CaFile}",
            $"--Broker:TlsClientCertificateFile={cert}", $"--Broker:TlsClientKeyFile={key}",
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Uplink is not null)
        {
            await Uplink.StopAsync(CancellationToken.None);
            await _deviceLoop.ContinueWith(_ => { }, TaskScheduler.Default);
            Uplink.Dispose();
            await Device.DisposeAsync();
        }

        if (Cloud is not null)
        {
            await Cloud.StopAsync();
            await Cloud.DisposeAsync();
        }

        if (National is not null)
        {
            await National.StopAsync();
            await National.DisposeAsync();
        }

        await Broker.DisposeAsync();
        Outbox.Dispose();
        Wake.Dispose();
        Signer.Dispose();
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
        if (_pki is not null)
        {
            _pki.Dispose();
            Directory.Delete(_pki.Directory, recursive: true);
        }
    }
}
