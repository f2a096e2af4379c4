using EdgeCamera.Cloud.Intake;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests;

/// <summary>The broker's <c>message_size_limit</c> equals <see cref="WireJson.MaxEvidenceBytes"/> (the TestKit broker is
/// configured like scripts/demo.sh's).</summary>
public sealed class MessageSizeLimitTests
{
    [Fact]
    public async Task A_publish_over_the_size_limit_is_refused_by_the_broker_and_counted_and_later_packages_still_arrive()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var metrics = sut.CloudService<IntakeMetrics>();
        var atLimit = new byte[WireJson.MaxEvidenceBytes];
        var overLimit = new byte[WireJson.MaxEvidenceBytes + 1];
        Array.Fill(atLimit, (byte)'x');
        Array.Fill(overLimit, (byte)'x');

        // Over the limit: the broker answers PUBACK with an error reason code and forwards nothing.
        Assert.False(await sut.PublishAsync(Topics.Evidence(sut.DeviceId), overLimit));
        Assert.Equal(1, sut.Device.PublishesRefused);

        // Exactly at the limit the broker passes it on; the cloud reads it and counts it (not a package).
        Assert.True(await sut.PublishAsync(Topics.Evidence(sut.DeviceId), atLimit));
        Assert.True(await Eventually.HoldsAsync(() => metrics.RejectedByReason.Values.Sum() == 1));
        Assert.Equal(1, metrics.RejectedByReason[RejectReason.Malformed]);

        // The same connection carries the next genuine package through to the national system.
        var good = sut.Signer.Next();
        Assert.True(await sut.PublishAsync(good));
        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Any(a => a.EventId == good.Manifest.EventId && a.Status == AckStatus.Accepted)));
        Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(1, sut.Device.PublishesRefused);
        Assert.False(metrics.RejectedByReason.ContainsKey(RejectReason.Oversized), "the broker stopped the oversized message before the cloud");
    }
}
