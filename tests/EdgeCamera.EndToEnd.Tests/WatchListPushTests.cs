using EdgeCamera.Cloud;
using EdgeCamera.Cloud.WatchList;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.WatchList;
using EdgeCamera.Edge;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using EdgeCamera.Violations.WatchList;
using EdgeCamera.Vision;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>
/// The watch list travels from the cloud receiver's file to the unit over a real Mosquitto: published retained on
/// edgecam/v1/watchlist, taken whole by the edge, matched by the WLH rule tolerant of OCR confusions. No camera: the
/// edge's camera address leads nowhere (it keeps retrying, which does not matter here).
/// </summary>
[Collection(SystemUnderTest.Collection)]
public sealed class WatchListPushTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-watchlist-").FullName;
    private readonly TestDevice _device = new("cam-wl-" + Guid.NewGuid().ToString("N")[..6]);
    private MosquittoBroker _broker = null!;
    private WebApplication _cloud = null!;
    private WebApplication _edge = null!;

    private string ListFile => Path.Combine(_dir, "watchlist.json");

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();

        // The wanted plate is written with letter O where the reader reads digit 0 (OCR confusion).
        await File.WriteAllTextAsync(ListFile, """
            { "entries": [
              { "plate": "8288GNOO", "country": "SA", "list": "stolen", "reason": "reported stolen 2026-11-20" },
              { "plate": "1234ABC", "country": null, "list": "wanted", "reason": "court order" }
            ] }
            """);
        var registry = Path.Combine(_dir, "devices");
        _device.RegisterIn(registry);
        var watchListKey = CloudWatchListKey.Create(_dir);
        _cloud = CloudApp.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Broker:Port={_broker.Port}",
            $"--Broker:ClientId=cloud-{_device.DeviceId}",
            $"--Storage:DatabasePath={Path.Combine(_dir, "cloud.db")}",
            $"--Devices:PublicKeyDirectory={registry}",
            "--NationalSystem:BaseUrl=http://127.0.0.1:9/",
            $"--WatchList:File={ListFile}",
            "--WatchList:CheckInterval=00:00:00.200",
            watchListKey.CloudArg,
        ]);
        await _cloud.StartAsync();
        _edge = EdgeApp.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Device:DeviceId={_device.DeviceId}",
            $"--Camera:Url=rtsp://127.0.0.1:{FreePort.Next()}/cam",
            $"--Broker:Port={_broker.Port}",
            $"--Broker:ClientId={_device.DeviceId}",
            $"--Outbox:DatabasePath={Path.Combine(_dir, "outbox.db")}",
            $"--Violations:WithheldDatabasePath={Path.Combine(_dir, "withheld.db")}",
            $"--Signing:PrivateKeyPath={_device.WritePrivateKey(Path.Combine(_dir, "device-key.pem"))}",
            "--Hardware:Mode=None",
            watchListKey.EdgeArg,
        ]);
        await _edge.StartAsync();
    }

    [Fact]
    public async Task A_list_the_cloud_publishes_reaches_the_unit_whose_watch_list_rule_then_hits_a_plate_read_with_0_for_O()
    {
        var publisher = _cloud.Services.GetRequiredService<WatchListPublisher>();
        var list = _edge.Services.GetRequiredService<PlateWatchList>();
        var receiver = _edge.Services.GetRequiredService<WatchListReceiver>();
        var stage = _edge.Services.GetRequiredService<ViolationStage>();

        Assert.True(
            await Eventually.HoldsAsync(() => publisher.PublishedVersion.Length > 0 && list.Version == publisher.PublishedVersion, TimeSpan.FromSeconds(30)),
            $"edge holds '{list.Version}', cloud published '{publisher.PublishedVersion}'");
        Assert.Equal(2, list.Count);

        var draft = Assert.Single(stage.Judge(Read("8288GN00")));
        Assert.Equal("WLH", draft.Manifest.Violation.TypeCode);
        Assert.Equal(ViolationEvidence.WatchListHitDescription, draft.Manifest.Violation.Description);
        Assert.Empty(stage.Judge(Read("8288GN01"))); // a near miss: one character the folding does not explain

        // A malformed list on the topic is refused, counted, and the list held stays.
        var held = list.Version;
        await PublishRetainedAsync("{ \"schemaVersion\": 1, \"entries\": [ "u8.ToArray());
        Assert.True(
            await Eventually.HoldsAsync(() => receiver.RejectedByReason.GetValueOrDefault("malformed") == 1, TimeSpan.FromSeconds(30)),
            $"rejections: {string.Join(", ", receiver.RejectedByReason)}");
        Assert.Equal(held, list.Version);
        Assert.Equal("WLH", Assert.Single(stage.Judge(Read("8288GN00"))).Manifest.Violation.TypeCode);

        // Anyone on the broker can publish a well-formed list, but not sign it with the cloud's key: refused, kept out.
        await PublishRetainedAsync(WatchListWire.Serialize(WatchListWire.Create([new WatchListEntryWire("1234XYZ", "SA", "stolen", "intruder")], DateTimeOffset.UtcNow)));
        Assert.True(
            await Eventually.HoldsAsync(() => receiver.RejectedByReason.GetValueOrDefault("unsigned") == 1, TimeSpan.FromSeconds(30)),
            $"rejections: {string.Join(", ", receiver.RejectedByReason)}");
        Assert.Equal(held, list.Version);

        // A broken edit of the cloud's file is refused there; a good one replaces the list on the unit.
        await File.WriteAllTextAsync(ListFile, "{ \"entries\": [ { \"plate\": \"not a plate\" } ] }");
        Assert.True(await Eventually.HoldsAsync(() => publisher.RefusedByReason.Count > 0, TimeSpan.FromSeconds(30)));
        await File.WriteAllTextAsync(ListFile, """{ "entries": [ { "plate": "3960TAZ", "country": "SA", "list": "stolen", "reason": "test" } ] }""");
        Assert.True(
            await Eventually.HoldsAsync(() => list.Version == publisher.PublishedVersion && list.Version != held, TimeSpan.FromSeconds(30)),
            $"edge holds '{list.Version}', cloud published '{publisher.PublishedVersion}'");
        Assert.Equal(1, list.Count);
        Assert.Empty(stage.Judge(Read("8288GN00")));
        Assert.Equal("WLH", Assert.Single(stage.Judge(Read("396OTAZ"))).Manifest.Violation.TypeCode);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _edge, _cloud })
        {
            if (app is not null)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await app.StopAsync(cts.Token);
                await app.DisposeAsync();
            }
        }

        _device.Dispose();
        await _broker.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static VehicleRead Read(string plate) =>
        new(1, plate, "SA", 0.9f, 5, new PixelBox(700, 800, 120, 40), 10, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, TravelDirection.Approaching, EvidenceImages.FromJpeg([0xFF, 0xD8, 0xFF, 0xD9], [0xFF, 0xD8, 0xFF, 0xD9]));

    private async Task PublishRetainedAsync(byte[] payload)
    {
        var session = new MqttSession(
            new MqttSessionOptions { Port = _broker.Port, ClientId = "intruder-" + Guid.NewGuid().ToString("N")[..6] }, [], NullLogger<MqttSession>.Instance, TimeProvider.System);
        await using (session)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var run = session.RunAsync(cts.Token);
            Assert.True(await Eventually.HoldsAsync(() => session.IsConnected, TimeSpan.FromSeconds(15)));
            Assert.True(await session.TryPublishAsync(Topics.WatchList, payload, retain: true, cts.Token));
            await cts.CancelAsync();
            await run;
        }
    }
}
