using EdgeCamera.Cloud.Storage;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>The real uplink and the real cloud receiver, both on Mosquitto's TLS listener with client certificates.</summary>
public sealed class TlsEndToEndTests
{
    [Fact]
    public async Task Evidence_travels_from_the_outbox_to_the_national_system_over_TLS_with_client_certificates_on_both_ends()
    {
        await using var sut = await UplinkAndCloud.CreateWithTlsAsync();
        await sut.StartCloudAsync();
        await sut.StartDeviceAsync(TimeSpan.FromSeconds(30));
        var ids = Enumerable.Range(0, 3).Select(_ => sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow).EventId).ToList();
        sut.Wake.Notify();

        Assert.True(await Eventually.HoldsAsync(() => sut.Outbox.Count() == 0), "delivered and acknowledged over TLS: " + sut.Broker.RecentOutput);
        Assert.All(ids, id => Assert.NotNull(sut.CloudService<IEvidenceStore>().Find(id)));
        Assert.True(await Eventually.HoldsAsync(() => sut.NationalService<NoticeRegistry>().All().Count == 3));
        Assert.Equal(0, sut.Device.ConnectFailures);
        Assert.Equal(0, sut.CloudService<MqttSession>().ConnectFailures);
    }
}
