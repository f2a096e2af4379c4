using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests.ScaleOut;

public sealed class ScaleOutTests
{
    [Fact]
    public async Task Two_receivers_on_one_postgres_share_the_devices_and_store_and_forward_every_package_exactly_once()
    {
        await using var sut = await ScaleOutUnderTest.StartAsync(nodes: 2, devices: 3);
        var sent = await sut.PublishRoundsAsync(rounds: 20);

        Assert.True(await Eventually.HoldsAsync(() => sut.Devices.Sum(d => d.Acks.Count) >= sent.Count, TimeSpan.FromSeconds(60)));
        var notices = sut.NationalService<NoticeRegistry>().All();
        Assert.Equal(sent.Order(), notices.Select(n => n.EventId).Order());
        Assert.Equal(notices.Count, notices.Select(n => n.ViolationNumber).Distinct().Count());
        Assert.Equal(0, sut.NationalService<NoticeRegistry>().Duplicates);
        var acks = sut.Devices.SelectMany(d => d.Acks).ToList();
        Assert.Equal(sent.Order(), acks.Select(a => a.EventId).Order());
        Assert.All(acks, a => Assert.Equal(AckStatus.Accepted, a.Status));
        Assert.Equal(sent.Count, sut.NodeService<IEvidenceStore>(0).Count());
        Assert.Equal(sent.Count, sut.NodeService<IEvidenceStore>(0).CountByState()[ForwardState.Forwarded]);
        var accepted = Enumerable.Range(0, 2).Select(n => sut.NodeService<IntakeMetrics>(n).Accepted).ToList();
        Assert.Equal(sent.Count, accepted.Sum());
        Assert.All(accepted, a => Assert.True(a > 0, $"each node should take part; accepted per node: {string.Join(", ", accepted)}"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // Storage:PayloadDirectory shared by both nodes: the bytes in files, the rows in PostgreSQL
    public async Task The_same_package_reaching_both_receivers_at_once_is_stored_and_noticed_once(bool payloadFiles)
    {
        var payloads = Directory.CreateTempSubdirectory("edgecam-scaleout-payloads-").FullName;
        await using var sut = await ScaleOutUnderTest.StartAsync(nodes: 2, devices: 1, payloadFiles ? [$"--Storage:PayloadDirectory={payloads}"] : []);
        var device = sut.Devices[0];
        const int Packages = 10;
        var packages = Enumerable.Range(0, Packages).Select(_ => device.Signer.Next()).ToList();

        // Each package twice back to back: the shared subscription deals the copies to the two nodes in turn.
        foreach (var p in packages)
        {
            await device.PublishAsync(p);
            await device.PublishAsync(p);
        }

        Assert.True(await Eventually.HoldsAsync(() => sut.NationalService<NoticeRegistry>().All().Count == Packages
            && sut.NodeService<IEvidenceStore>(1).CountByState()[ForwardState.Forwarded] == Packages, TimeSpan.FromSeconds(60)));
        Assert.Equal(Packages, sut.NodeService<IEvidenceStore>(1).Count());
        Assert.Equal(0, sut.NationalService<NoticeRegistry>().Duplicates);
        var metrics = Enumerable.Range(0, 2).Select(n => sut.NodeService<IntakeMetrics>(n)).ToList();
        Assert.Equal(Packages, metrics.Sum(m => m.Accepted));
        Assert.Equal(Packages, metrics.Sum(m => m.Duplicates));
        // Both nodes got copies; which one wins each race is timing (with 256 KB socket buffers one node often wins all).
        Assert.All(metrics, m => Assert.True(m.Accepted + m.Duplicates > 0));
        var files = Directory.EnumerateFiles(payloads, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(payloadFiles ? Packages : 0, files.Count);
        Assert.All(packages, p => Assert.Equal(p.WireBytes, sut.NodeService<IEvidenceStore>(0).Find(p.Manifest.EventId)!.Payload));
        Directory.Delete(payloads, recursive: true);
    }
}
