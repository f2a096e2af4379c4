using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Edge.Commands;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.TestKit;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>A unit that lost its outbox database: restarting at sequence 1 is rejected as replayed; <c>edgecam
/// resume-chain</c> with the cloud's newest package continues the chain instead.</summary>
public sealed class ChainRecoveryTests
{
    [Fact]
    public async Task After_the_outbox_is_lost_resume_chain_from_the_clouds_newest_package_lets_the_unit_deliver_again()
    {
        await using var sut = await UplinkAndCloud.CreateAsync();
        await sut.StartCloudAsync();
        await sut.StartDeviceAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 3; i++)
        {
            sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow);
        }

        sut.Wake.Notify();
        Assert.True(await Eventually.HoldsAsync(() => sut.Outbox.Count() == 0));
        var store = sut.CloudService<IEvidenceStore>();
        var metrics = sut.CloudService<IntakeMetrics>();
        var dir = Directory.CreateTempSubdirectory("edgecam-resume-").FullName;
        try
        {
            var keyPath = sut.Signer.WritePrivateKey(Path.Combine(dir, "device-key.pem"));

            // The disk with the outbox is replaced: a fresh database starts the chain at 1 again → replayed.
            using (var fresh = new LiteDbOutbox(Path.Combine(dir, "lost.db"), sut.Signer.Key))
            {
                var restarted = fresh.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow);
                Assert.Equal(1, restarted.Sequence);
                Assert.True(await sut.Device.TryPublishAsync(Topics.Evidence(sut.DeviceId), restarted.Payload, CancellationToken.None));
                Assert.True(await Eventually.HoldsAsync(() => metrics.RejectedByReason.GetValueOrDefault(RejectReason.Replayed) == 1));
            }

            // The way out: the newest package the cloud holds (as GET /api/v1/evidence/{id}/package serves it).
            var newest = store.FindBySequence(sut.DeviceId, 3)!;
            var packageFile = Path.Combine(dir, "newest.evidence.json");
            await File.WriteAllBytesAsync(packageFile, newest.Payload);
            var outboxPath = Path.Combine(dir, "outbox.db");
            var output = new StringWriter();
            Assert.Equal(0, ResumeChainCommand.Run(["--key", keyPath, "--outbox", outboxPath, packageFile], output));
            Assert.Contains("resumes after sequence 3", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(1, ResumeChainCommand.Run(["--key", keyPath, "--outbox", outboxPath, packageFile], new StringWriter())); // never backwards

            using var resumed = new LiteDbOutbox(outboxPath, sut.Signer.Key);
            var next = resumed.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow);
            Assert.Equal(4, next.Sequence);
            Assert.True(await sut.Device.TryPublishAsync(Topics.Evidence(sut.DeviceId), next.Payload, CancellationToken.None));
            Assert.True(await Eventually.HoldsAsync(() => store.Find(next.EventId) is not null));
            Assert.Equal(newest.ManifestSha256, store.Find(next.EventId)!.PreviousManifestSha256);
            Assert.Equal(1, metrics.RejectedByReason.GetValueOrDefault(RejectReason.Replayed));
            Assert.False(metrics.RejectedByReason.ContainsKey(RejectReason.Chain));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
