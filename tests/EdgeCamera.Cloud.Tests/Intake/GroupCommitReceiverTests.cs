using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Cloud.Tests.ScaleOut;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests.Intake;

/// <summary>The receivers with group commit on (real Mosquitto, real PostgreSQL, two nodes): the product path through
/// the lanes, <see cref="GroupCommitWriter"/> and <see cref="PostgresEvidenceStore.TryAddBatchAsync"/>.</summary>
public sealed class GroupCommitReceiverTests
{
    [Fact]
    public async Task With_group_commit_every_package_sent_twice_is_stored_accepted_and_noticed_exactly_once()
    {
        await using var sut = await ScaleOutUnderTest.StartAsync(nodes: 2, devices: 3, "--Receiver:MaxBatchPackages=16", "--Receiver:MaxBatchWait=00:00:00.005");
        // Each package twice: the copy is a duplicate on the other node or in the same batch.
        var sent = await sut.PublishRoundsAsync(rounds: 10, copies: 2);

        var metrics = Enumerable.Range(0, 2).Select(n => sut.NodeService<IntakeMetrics>(n)).ToList();
        // Every copy handled too: a copy whose batch failed is handled again after the broker redelivers it.
        Assert.True(await Eventually.HoldsAsync(() => sut.NationalService<NoticeRegistry>().All().Count == sent.Count
            && sut.NodeService<IEvidenceStore>(0).CountByState()[ForwardState.Forwarded] == sent.Count
            && metrics.Sum(m => m.Accepted + m.Duplicates) >= 2 * sent.Count, TimeSpan.FromSeconds(60)));
        Assert.Equal(sent.Count, sut.NodeService<IEvidenceStore>(0).Count());
        Assert.Equal(sent.Order(), sut.NationalService<NoticeRegistry>().All().Select(n => n.EventId).Order());
        Assert.Equal(0, sut.NationalService<NoticeRegistry>().Duplicates);
        Assert.Equal(sent.Count, metrics.Sum(m => m.Accepted));
        Assert.Equal(sent.Count, metrics.Sum(m => m.Duplicates));
        var writers = Enumerable.Range(0, 2).Select(n => sut.NodeService<GroupCommitWriter>(n)).ToList();
        Assert.True(writers.Sum(w => w.Batches) > 0);
        Assert.True(writers.Sum(w => w.Packages) >= sent.Count);
    }
}
