using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;

namespace EdgeCamera.EndToEnd.Tests;

/// <summary>The real uplink and cloud receiver through a real Mosquitto: resend requests, declared evictions, and a
/// broker outage of minutes.</summary>
public sealed class UplinkRecoveryTests
{
    /// <summary>Far longer than each test: only a resend request or a reconnect can make the device publish again.</summary>
    private static readonly TimeSpan NoSelfResend = TimeSpan.FromMinutes(10);

    private static int SealedSize()
    {
        using var key = Contracts.Signing.DeviceKey.Generate();
        return Contracts.Signing.EvidenceSealer.Seal(SampleEvidence.Create("cam-probe"), ChainLink.Genesis, key).WireBytes.Length;
    }

    [Fact]
    public async Task A_sequence_gap_makes_the_cloud_ask_for_the_missing_packages_and_the_device_resends_them_from_its_outbox()
    {
        await using var sut = await UplinkAndCloud.CreateAsync();
        await sut.StartDeviceAsync(NoSelfResend);

        // Published while no receiver's session exists yet: the broker takes them (PUBACK) and drops them.
        var lost = Enumerable.Range(0, 2).Select(_ => sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow)).ToList();
        sut.Wake.Notify();
        Assert.True(await Eventually.HoldsAsync(() => sut.Uplink.Published == 2));

        await sut.StartCloudAsync();
        var third = sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow);
        sut.Wake.Notify();

        Assert.True(await Eventually.HoldsAsync(() => sut.Outbox.Count() == 0, TimeSpan.FromSeconds(60)), "the outbox empties long before its own resend timer");
        Assert.True(sut.CloudService<GapResender>().Requests >= 1);
        Assert.True(sut.Uplink.ResendRequests >= 1);
        Assert.Equal(0, sut.Uplink.ResendUnavailable);
        var store = sut.CloudService<IEvidenceStore>();
        Assert.Equal([lost[0].EventId, lost[1].EventId, third.EventId], new long[] { 1, 2, 3 }.Select(s => store.FindBySequence(sut.DeviceId, s)?.Id));
        Assert.True(await Eventually.HoldsAsync(() => sut.NationalService<NoticeRegistry>().All().Count == 3));
    }

    [Fact]
    public async Task While_the_broker_is_stopped_for_two_minutes_the_device_keeps_storing_and_afterwards_everything_arrives_exactly_once_and_in_order()
    {
        var outage = TimeSpan.FromMinutes(2); // The "broker stopped for minutes"; the test takes ~2.5 min in all.
        const int BurstBefore = 15;
        const int DuringOutage = 12; // one every 10 s while the broker is down
        await using var sut = await UplinkAndCloud.CreateAsync();
        await sut.StartCloudAsync();
        await sut.StartDeviceAsync(TimeSpan.FromSeconds(30));
        var ids = new List<Guid>();

        // A burst, and the broker goes down in the middle of delivering it.
        ids.AddRange(Enumerable.Range(0, BurstBefore).Select(_ => sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow).EventId));
        sut.Wake.Notify();
        Assert.True(await Eventually.HoldsAsync(() => sut.Uplink.Published >= 3));
        sut.Broker.Stop();
        var down = DateTime.UtcNow;
        for (var i = 0; i < DuringOutage; i++)
        {
            ids.Add(sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow).EventId);
            sut.Wake.Notify();
            await Task.Delay(outage / DuringOutage);
        }

        Assert.False(sut.Device.IsConnected);
        Assert.True(sut.Outbox.Count() > DuringOutage, "what was stored during the outage is still waiting");
        await sut.Broker.StartAgainAsync();
        var outageLength = DateTime.UtcNow - down;

        Assert.True(await Eventually.HoldsAsync(() => sut.Outbox.Count() == 0, TimeSpan.FromSeconds(90)), $"outbox still holds {sut.Outbox.Count()} after a {outageLength.TotalSeconds:F0} s outage");
        var store = sut.CloudService<IEvidenceStore>();
        var stored = Enumerable.Range(1, ids.Count).Select(s => store.FindBySequence(sut.DeviceId, s)).ToList();
        Assert.All(stored, Assert.NotNull);
        Assert.Equal(ids, stored.Select(s => s!.Id));
        Assert.Equal(ids.Count, store.Count());
        // In order: no package was ever stored before its predecessor.
        Assert.Equal(0, sut.CloudService<IntakeMetrics>().SequenceGaps);
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First!.ReceivedAtUtc <= p.Second!.ReceivedAtUtc));
        Assert.True(await Eventually.HoldsAsync(() => sut.NationalService<NoticeRegistry>().All().Count == ids.Count, TimeSpan.FromSeconds(60)));
        Assert.Equal(ids.Order(), sut.NationalService<NoticeRegistry>().All().Select(n => n.EventId).Order());
    }

    [Fact]
    public async Task Plain_reads_evicted_while_in_flight_free_their_slots_and_everything_kept_or_declared_reaches_the_cloud()
    {
        var packageBytes = SealedSize();
        await using var sut = await UplinkAndCloud.CreateAsync(new OutboxLimits(10 * packageBytes, "READ"));
        await sut.StartDeviceAsync(TimeSpan.FromSeconds(5));

        // Eight published while no receiver exists (the uplink's whole in-flight window, never acknowledged)...
        for (var i = 0; i < 8; i++)
        {
            sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow);
        }

        sut.Wake.Notify();
        Assert.True(await Eventually.HoldsAsync(() => sut.Uplink.Published >= 8));

        // ...then eight more evict the oldest in-flight ones: their slots are freed, the newer ones go out.
        for (var i = 0; i < 8; i++)
        {
            sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow);
        }

        sut.Wake.Notify();
        var evicted = sut.Outbox.Evictions;
        Assert.True(evicted >= 6, $"{evicted} evicted");
        Assert.True(await Eventually.HoldsAsync(() => sut.Uplink.Published >= 8 + evicted), $"published {sut.Uplink.Published}");

        await sut.StartCloudAsync();
        Assert.True(await Eventually.HoldsAsync(() => sut.Outbox.Count() == 0, TimeSpan.FromSeconds(90)), $"{sut.Outbox.Count()} left");
        var gaps = sut.CloudService<GapResender>();
        var store = sut.CloudService<IEvidenceStore>();
        Assert.True(await Eventually.HoldsAsync(() => gaps.DeclaredGaps == evicted), $"declared {gaps.DeclaredGaps} of {evicted}");
        Assert.All(Enumerable.Range(1, 16), s => Assert.True(
            gaps.IsDeclared(sut.DeviceId, s) ^ store.FindBySequence(sut.DeviceId, s) is not null,
            $"sequence {s} is exactly one of stored or declared evicted"));
    }

    [Fact]
    public async Task A_plain_read_evicted_by_the_disk_budget_is_declared_to_the_cloud_and_a_resend_request_for_it_is_answered_with_its_notice()
    {
        var probe = SampleEvidence.Create("cam-probe");
        using var probeKey = Contracts.Signing.DeviceKey.Generate();
        var packageBytes = Contracts.Signing.EvidenceSealer.Seal(probe, ChainLink.Genesis, probeKey).WireBytes.Length;
        await using var sut = await UplinkAndCloud.CreateAsync(new OutboxLimits((2 * packageBytes) + (packageBytes / 2), "READ"));
        var reads = Enumerable.Range(0, 3).Select(_ => sut.Outbox.Add(SampleEvidence.Create(sut.DeviceId), DateTime.UtcNow)).ToList();
        Assert.Equal(1, sut.Outbox.Evictions);

        await sut.StartCloudAsync();
        await sut.StartDeviceAsync(NoSelfResend);

        Assert.True(await Eventually.HoldsAsync(() => sut.Outbox.Count() == 0, TimeSpan.FromSeconds(60)));
        var gaps = sut.CloudService<GapResender>();
        Assert.True(await Eventually.HoldsAsync(() => gaps.DeclaredGaps == 1));
        Assert.True(gaps.IsDeclared(sut.DeviceId, 1));
        Assert.Equal(0, gaps.Requests);
        Assert.Equal(1, sut.Uplink.EvictionNoticesSent);
        Assert.Null(sut.CloudService<IEvidenceStore>().Find(reads[0].EventId));
        Assert.True(await Eventually.HoldsAsync(() => sut.NationalService<NoticeRegistry>().All().Count == 2));

        // Asked again (e.g. by a cloud that restarted and forgot), the device answers with the same notice.
        var session = sut.CloudService<MqttSession>();
        Assert.True(await session.TryPublishAsync(Topics.Resend(sut.DeviceId), WireJson.Serialize(new ResendRequest(sut.DeviceId, 1, 1)), CancellationToken.None));
        Assert.True(await Eventually.HoldsAsync(() => sut.Uplink.EvictionNoticesSent == 2));
        Assert.Equal(1, sut.Uplink.ResendRequests);
        Assert.False(sut.CloudService<IntakeMetrics>().RejectedByReason.ContainsKey(RejectReason.EvictionNotice));
    }
}
