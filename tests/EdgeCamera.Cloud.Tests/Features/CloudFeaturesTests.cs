using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeCamera.Cloud.Analytics;
using EdgeCamera.Cloud.Api;
using EdgeCamera.Cloud.Fleet;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Cloud.Tests.Features;

/// <summary>Objections API, black-spot analytics, fleet registry and central subscribers, on one receiver.</summary>
public sealed class CloudFeaturesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_objections_api_returns_the_package_link_and_a_fresh_verification_with_the_chain_position()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        using var http = Http(sut);
        var first = sut.Signer.Next();
        var second = sut.Signer.Next();
        await sut.PublishAsync(first);
        await sut.PublishAsync(second);
        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count(a => a.Status == AckStatus.Accepted) == 2));
        var number = sut.Acks.Single(a => a.EventId == second.Manifest.EventId).ViolationNumber!;

        var report = (await http.GetFromJsonAsync<ObjectionReport>($"api/v1/objections/{number}", Web))!;

        Assert.Equal((number, second.Manifest.EventId, 2L, true), (report.ViolationNumber, report.EventId, report.Sequence, report.Verified));
        Assert.True(report.Verification.Ok);
        Assert.Equal(sut.Signer.Key.Fingerprint, report.Verification.KeyFingerprint);
        Assert.Equal(["frame", "plate"], report.Verification.Images.Select(i => i.Name).Order());
        Assert.All(report.Verification.Images, i => Assert.True(i.Ok && i.ActualSha256 == i.ExpectedSha256));
        Assert.Equal((1L, first.Manifest.EventId, true), (report.Chain!.Previous!.Sequence, report.Chain.Previous.EventId, report.Chain.Previous.Links));
        Assert.Null(report.Chain.Next);
        Assert.True(report.Chain.Ok);
        Assert.Equal(second.Manifest.Plate.Text, report.Evidence!.Plate);
        var package = await http.GetByteArrayAsync(report.PackageUrl.TrimStart('/'));
        Assert.Equal(second.WireBytes, package);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/v1/objections/NV-1999-0000000")).StatusCode);
    }

    [Fact]
    public async Task Black_spot_counts_come_by_site_type_and_hour_with_the_top_sites_first_and_the_page_draws_them()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        using var http = Http(sut);
        var hour = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(-24 + 7), TimeSpan.Zero);
        (string Site, string Type, int Minute)[] violations =
            [("RUH-A-1", "READ", 5), ("RUH-A-1", "READ", 50), ("RUH-A-1", "READ", 70), ("JED-B-2", "READ", 10)];
        foreach (var (site, type, minute) in violations)
        {
            var draft = SampleEvidence.Create(sut.DeviceId, at: hour.AddMinutes(minute));
            await sut.PublishAsync(sut.Signer.Next(EvidenceDraft.Create(draft.Manifest with { SiteId = site, Violation = new ViolationInfo(type, "Plate read") }, draft.Images)));
        }

        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == violations.Length));
        var from = hour.UtcDateTime.AddHours(-1).ToString("O");
        var to = hour.UtcDateTime.AddHours(3).ToString("O");

        var report = (await http.GetFromJsonAsync<BlackSpotReport>($"api/v1/analytics/blackspots?fromUtc={from}&toUtc={to}&top=1", Web))!;

        Assert.Equal(4, report.Total);
        var top = Assert.Single(report.TopSites);
        Assert.Equal(("RUH-A-1", 3, 3), (top.SiteId, top.Count, top.ByType["READ"]));
        Assert.Equal(4, report.ByType["READ"]);
        Assert.Equal(3, report.ByHourOfDayUtc[hour.Hour]);
        Assert.Equal(1, report.ByHourOfDayUtc[hour.Hour + 1]);
        Assert.Equal([2, 1, 1], report.Hourly.Select(h => h.Count).Order().Reverse());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"api/v1/analytics/blackspots?fromUtc={to}&toUtc={from}")).StatusCode);
        var page = await http.GetStringAsync($"analytics/blackspots?fromUtc={from}&toUtc={to}");
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("RUH-A-1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_events_are_republished_for_central_subscribers_and_device_presence_reaches_the_fleet_list()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        using var http = Http(sut);
        var central = new ConcurrentQueue<(string Topic, JsonNode Body)>();
        using var stop = new CancellationTokenSource();
        await using var subscriber = new MqttSession(new MqttSessionOptions { Port = sut.Broker.Port, ClientId = "central-" + sut.DeviceId }, [CentralTopics.All, DeviceStatus.Wildcard], NullLogger<MqttSession>.Instance, TimeProvider.System)
        {
            MessageReceived = (topic, payload, _) =>
            {
                central.Enqueue((topic, JsonNode.Parse(payload.ToArray())!));
                return Task.CompletedTask;
            },
        };
        var subscribed = new TaskCompletionSource();
        subscriber.Connected = _ =>
        {
            subscribed.TrySetResult();
            return Task.CompletedTask;
        };
        var subscriberLoop = subscriber.RunAsync(stop.Token);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The unit's presence: retained "online" after connect, Last Will "offline" (asked for on a clean shutdown).
        var presenceId = "cam-presence-" + Guid.NewGuid().ToString("N")[..6];
        using var presenceStop = new CancellationTokenSource();
        await using var unit = new MqttSession(new MqttSessionOptions { Port = sut.Broker.Port, ClientId = presenceId }, [], NullLogger<MqttSession>.Instance, TimeProvider.System)
        {
            Birth = (DeviceStatus.Topic(presenceId), new DeviceStatus(presenceId, DeviceStatus.Online, "9.9.9", DateTimeOffset.UtcNow).Serialize()),
            Will = (DeviceStatus.Topic(presenceId), new DeviceStatus(presenceId, DeviceStatus.Offline, "9.9.9", DateTimeOffset.UtcNow.AddMilliseconds(1)).Serialize()),
        };
        var unitLoop = unit.RunAsync(presenceStop.Token);

        var package = sut.Signer.Next();
        await sut.PublishAsync(package);

        Assert.True(await Eventually.HoldsAsync(() => central.Any(c => c.Topic.StartsWith(CentralTopics.Root, StringComparison.Ordinal))));
        var (topic, body) = Assert.Single(central, c => c.Topic.StartsWith(CentralTopics.Root, StringComparison.Ordinal));
        Assert.Equal($"edgecam/v1/central/RUH/{sut.DeviceId}/READ", topic);
        Assert.Equal(package.Manifest.EventId.ToString(), (string?)body["eventId"]);
        Assert.Equal(("RUH", package.Manifest.Plate.Text, "RUH-TEST-001"), ((string?)body["region"], (string?)body["plate"], (string?)body["siteId"]));
        Assert.Null(body["images"]);

        Assert.True(await Eventually.HoldsAsync(() => FleetStatus(http, presenceId) == DeviceStatus.Online), sut.Broker.RecentOutput + " | " + string.Join(" | ", central.Select(c => c.Topic)));
        await presenceStop.CancelAsync();
        await unitLoop;
        Assert.True(await Eventually.HoldsAsync(() => FleetStatus(http, presenceId) == DeviceStatus.Offline), string.Join(" | ", central.Select(c => c.Topic + " " + c.Body.ToJsonString())));

        var fleet = (await http.GetFromJsonAsync<List<FleetDevice>>("api/v1/fleet/devices", Web))!;
        var camera = fleet.Single(d => d.DeviceId == sut.DeviceId);
        Assert.Equal((sut.Signer.Key.Fingerprint, "RUH-TEST-001", "test", 1), (camera.PublicKeyFingerprint, camera.SiteId, camera.SoftwareVersion, camera.Packages));
        Assert.NotNull(camera.LastSeenUtc);
        await stop.CancelAsync();
        await subscriberLoop;
    }

    private static string? FleetStatus(HttpClient http, string deviceId)
    {
        var fleet = http.GetFromJsonAsync<List<FleetDevice>>("api/v1/fleet/devices", Web).GetAwaiter().GetResult()!;
        return fleet.SingleOrDefault(d => d.DeviceId == deviceId)?.Status;
    }

    private static HttpClient Http(CloudUnderTest sut)
    {
        var address = sut.Cloud.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
    }
}
