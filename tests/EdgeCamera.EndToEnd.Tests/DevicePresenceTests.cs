using EdgeCamera.Cloud.Central;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.TestKit;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>The real edge worker's presence reaches the cloud: retained online on connect, offline (its Last Will) when it stops.</summary>
[Collection(SystemUnderTest.Collection)]
public sealed class DevicePresenceTests
{
    [Fact]
    public async Task The_edge_announces_itself_online_to_the_cloud_and_its_last_will_says_offline_when_it_stops()
    {
        await using var sut = await SystemUnderTest.StartAsync();
        var presence = sut.CloudService<DeviceStatusTracker>();

        Assert.True(await Eventually.HoldsAsync(() => presence.TryGet(sut.DeviceId, out var s) && s.State == DeviceStatus.Online));
        presence.TryGet(sut.DeviceId, out var online);
        Assert.False(string.IsNullOrEmpty(online!.SoftwareVersion));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await sut.Edge.StopAsync(cts.Token);

        Assert.True(await Eventually.HoldsAsync(() => presence.TryGet(sut.DeviceId, out var s) && s.State == DeviceStatus.Offline));
    }
}
