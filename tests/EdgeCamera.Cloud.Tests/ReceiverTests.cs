using System.Text;
using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.NationalSim.Faults;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests;

public sealed class ReceiverTests
{
    [Fact]
    public async Task A_valid_record_is_stored_forwarded_once_and_acknowledged_with_its_violation_number()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var record = SampleEvidence.Create(sut.DeviceId);

        Assert.True(await sut.PublishAsync(record));

        Assert.True(await CloudUnderTest.EventuallyAsync(() => !sut.Acks.IsEmpty));
        var ack = Assert.Single(sut.Acks);
        Assert.Equal(AckStatus.Accepted, ack.Status);
        Assert.Equal(record.EventId, ack.EventId);
        var notice = Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(ack.ViolationNumber, notice.ViolationNumber);
        Assert.Equal(record.Plate.Text, notice.PlateText);
        Assert.Equal(ForwardState.Forwarded, sut.CloudService<IEvidenceStore>().Find(record.EventId)!.State);
    }

    [Fact]
    public async Task A_repeated_record_is_stored_once_and_answered_again_without_a_second_notice()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var record = SampleEvidence.Create(sut.DeviceId);

        await sut.PublishAsync(record);
        Assert.True(await CloudUnderTest.EventuallyAsync(() => sut.Acks.Count == 1));
        await sut.PublishAsync(record);

        Assert.True(await CloudUnderTest.EventuallyAsync(() => sut.Acks.Count == 2));
        Assert.Equal([AckStatus.Accepted, AckStatus.Duplicate], sut.Acks.Select(a => a.Status));
        Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(1, sut.CloudService<IEvidenceStore>().Count());
        Assert.Equal(1, sut.CloudService<IntakeMetrics>().Duplicates);
    }

    [Fact]
    public async Task Malformed_tampered_and_misaddressed_messages_are_counted_and_never_reach_the_national_system()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var metrics = sut.CloudService<IntakeMetrics>();
        var tampered = SampleEvidence.Create(sut.DeviceId);
        tampered.Images[1].Data[0] ^= 0x01;
        var otherDevice = SampleEvidence.Create("cam-somebody-else");

        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), Encoding.UTF8.GetBytes("{ this is not json"));
        await sut.PublishAsync(tampered);
        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), WireJson.Serialize(otherDevice));

        Assert.True(await CloudUnderTest.EventuallyAsync(() => metrics.RejectedByReason.Values.Sum() == 3));
        Assert.Equal(1, metrics.RejectedByReason["malformed"]);
        Assert.Equal(2, metrics.RejectedByReason["invalid"]);
        Assert.Empty(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(0, sut.CloudService<IEvidenceStore>().Count());
        Assert.True(await CloudUnderTest.EventuallyAsync(() => sut.Acks.Any(a => a.EventId == tampered.EventId)));
        Assert.Equal(AckStatus.Rejected, sut.Acks.Single(a => a.EventId == tampered.EventId).Status);

        // The receiver is still healthy: a good record after the bad ones goes through.
        var good = SampleEvidence.Create(sut.DeviceId);
        await sut.PublishAsync(good);
        Assert.True(await CloudUnderTest.EventuallyAsync(() => sut.Acks.Any(a => a.EventId == good.EventId && a.Status == AckStatus.Accepted)));
    }

    [Fact]
    public async Task While_the_national_system_fails_records_wait_and_then_arrive_exactly_once()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        sut.NationalService<FaultInjector>().Apply(new FaultInjector.Settings(FailNext: 4, DelayMs: 0));
        var records = Enumerable.Range(0, 3).Select(_ => SampleEvidence.Create(sut.DeviceId)).ToList();

        foreach (var r in records)
        {
            await sut.PublishAsync(r);
        }

        Assert.True(await CloudUnderTest.EventuallyAsync(() => sut.Acks.Count(a => a.Status == AckStatus.Accepted) == 3, TimeSpan.FromSeconds(60)));
        var notices = sut.NationalService<NoticeRegistry>().All();
        Assert.Equal(records.Select(r => r.EventId).Order(), notices.Select(n => n.EventId).Order());
        Assert.True(sut.CloudService<IEvidenceStore>().Find(records[0].EventId)!.ForwardAttempts >= 1, "the first record should have seen the outage");
    }
}
