using System.Text;
using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
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
        var package = sut.Signer.Next();

        Assert.True(await sut.PublishAsync(package));

        Assert.True(await Eventually.HoldsAsync(() => !sut.Acks.IsEmpty));
        var ack = Assert.Single(sut.Acks);
        Assert.Equal(AckStatus.Accepted, ack.Status);
        Assert.Equal(package.Manifest.EventId, ack.EventId);
        var notice = Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(ack.ViolationNumber, notice.ViolationNumber);
        Assert.Equal(package.Manifest.Plate.Text, notice.PlateText);
        var stored = sut.CloudService<IEvidenceStore>().Find(package.Manifest.EventId)!;
        Assert.Equal(ForwardState.Forwarded, stored.State);
        Assert.Equal(package.WireBytes, stored.Payload);
    }

    [Fact]
    public async Task A_repeated_record_is_stored_once_and_answered_again_without_a_second_notice()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var package = sut.Signer.Next();

        await sut.PublishAsync(package);
        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == 1));
        await sut.PublishAsync(package);

        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == 2));
        Assert.Equal([AckStatus.Accepted, AckStatus.Duplicate], sut.Acks.Select(a => a.Status));
        Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(1, sut.CloudService<IEvidenceStore>().Count());
        Assert.Equal(1, sut.CloudService<IntakeMetrics>().Duplicates);
    }

    [Fact]
    public async Task Malformed_forged_tampered_and_misaddressed_messages_are_counted_and_never_reach_the_national_system()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var metrics = sut.CloudService<IntakeMetrics>();
        var imageTampered = Tamper(sut.Signer.Next().WireBytes, "\"data\":\"", 40);
        var manifestTampered = Tamper(sut.Signer.Next().WireBytes, "\"manifest\":\"", 40);
        using var impostor = new TestDevice(sut.DeviceId);
        using var neighbour = new TestDevice("cam-neighbour-" + Guid.NewGuid().ToString("N")[..6]);
        neighbour.RegisterIn(sut.RegistryDirectory);

        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), Encoding.UTF8.GetBytes("{ this is not json"));
        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), imageTampered);
        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), manifestTampered);
        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), impostor.Next().WireBytes);
        await sut.PublishAsync(Topics.Evidence(sut.DeviceId), neighbour.Next().WireBytes);

        Assert.True(await Eventually.HoldsAsync(() => metrics.RejectedByReason.Values.Sum() == 5));
        Assert.Equal(1, metrics.RejectedByReason[RejectReason.Malformed]);
        Assert.Equal(1, metrics.RejectedByReason[RejectReason.ImageHash]);
        Assert.Equal(3, metrics.RejectedByReason[RejectReason.Signature]);
        Assert.Empty(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(0, sut.CloudService<IEvidenceStore>().Count());

        // Unverified messages get no answer: a forger cannot make the device give up a genuine package. And the
        // receiver is still healthy: a good package after the bad ones goes through (the chain's gaps are the
        // packages damaged in transit, which the device would resend).
        var good = sut.Signer.Next();
        await sut.PublishAsync(good);
        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Any(a => a.EventId == good.Manifest.EventId && a.Status == AckStatus.Accepted)));
        Assert.Single(sut.Acks);
    }

    [Fact]
    public async Task A_package_with_any_one_byte_flipped_is_rejected_and_nothing_is_stored()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var metrics = sut.CloudService<IntakeMetrics>();
        var original = sut.Signer.Next().WireBytes;
        const int Positions = 24;

        // Positions spread over the whole message: structure, manifest, signature and both images.
        for (var k = 0; k < Positions; k++)
        {
            var copy = (byte[])original.Clone();
            copy[(int)((long)k * (original.Length - 1) / (Positions - 1))] ^= 0x01;
            await sut.PublishAsync(Topics.Evidence(sut.DeviceId), copy);
        }

        Assert.True(await Eventually.HoldsAsync(() => metrics.RejectedByReason.Values.Sum() == Positions));
        Assert.Equal(0, metrics.Accepted);
        Assert.Equal(0, sut.CloudService<IEvidenceStore>().Count());
        Assert.Empty(sut.NationalService<NoticeRegistry>().All());
    }

    [Fact]
    public async Task A_replayed_sequence_number_under_a_new_event_id_is_rejected_and_not_forwarded()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var first = sut.Signer.Next();
        await sut.PublishAsync(first);
        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == 1));

        // The device's key signs a second event under sequence 1 (a restored outbox, a cloned unit, a stolen key).
        var replay = Contracts.Signing.EvidenceSealer.Seal(SampleEvidence.Create(sut.DeviceId), ChainLink.Genesis, sut.Signer.Key);
        await sut.PublishAsync(replay);

        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == 2));
        var ack = sut.Acks.Last();
        Assert.Equal((replay.Manifest.EventId, AckStatus.Rejected), (ack.EventId, ack.Status));
        Assert.Contains("sequence 1", ack.Reason, StringComparison.Ordinal);
        Assert.Equal(1, sut.CloudService<IntakeMetrics>().RejectedByReason[RejectReason.Replayed]);
        Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Null(sut.CloudService<IEvidenceStore>().Find(replay.Manifest.EventId));
    }

    [Fact]
    public async Task A_device_without_a_registered_key_is_rejected_without_an_answer()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        using var stranger = new TestDevice("cam-stranger-" + Guid.NewGuid().ToString("N")[..6]);

        await sut.PublishAsync(stranger.Next());

        var metrics = sut.CloudService<IntakeMetrics>();
        Assert.True(await Eventually.HoldsAsync(() => metrics.RejectedByReason.ContainsKey(RejectReason.UnknownDevice)));
        Assert.Equal(0, sut.CloudService<IEvidenceStore>().Count());
        Assert.Empty(sut.NationalService<NoticeRegistry>().All());
    }

    [Fact]
    public async Task A_sequence_gap_is_counted_and_filled_when_the_missing_package_arrives_and_a_fork_is_rejected()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        var metrics = sut.CloudService<IntakeMetrics>();
        var one = sut.Signer.Next();
        var two = sut.Signer.Next();
        var three = sut.Signer.Next();
        var fork = Contracts.Signing.EvidenceSealer.Seal(SampleEvidence.Create(sut.DeviceId), new ChainLink(3, new string('f', 64)), sut.Signer.Key);

        await sut.PublishAsync(one);
        await sut.PublishAsync(three);
        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == 2));
        Assert.Equal(1, metrics.SequenceGaps);
        await sut.PublishAsync(two);
        await sut.PublishAsync(fork);

        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count == 4));
        Assert.Equal(3, sut.Acks.Count(a => a.Status == AckStatus.Accepted));
        Assert.Equal((fork.Manifest.EventId, AckStatus.Rejected), (sut.Acks.Single(a => a.Status == AckStatus.Rejected).EventId, AckStatus.Rejected));
        Assert.Equal(1, metrics.RejectedByReason[RejectReason.Chain]);
        Assert.Equal(3, sut.NationalService<NoticeRegistry>().All().Count);
    }

    [Fact]
    public async Task While_the_national_system_fails_records_wait_and_then_arrive_exactly_once()
    {
        await using var sut = await CloudUnderTest.StartAsync();
        sut.NationalService<FaultInjector>().Apply(new FaultInjector.Settings(FailNext: 4, DelayMs: 0));
        var packages = Enumerable.Range(0, 3).Select(_ => sut.Signer.Next()).ToList();

        foreach (var p in packages)
        {
            await sut.PublishAsync(p);
        }

        Assert.True(await Eventually.HoldsAsync(() => sut.Acks.Count(a => a.Status == AckStatus.Accepted) == 3, TimeSpan.FromSeconds(60)));
        var notices = sut.NationalService<NoticeRegistry>().All();
        Assert.Equal(packages.Select(p => p.Manifest.EventId).Order(), notices.Select(n => n.EventId).Order());
        // The outage was real: all four injected failures were answered (the resilient client retried through them).
        Assert.Equal(4, sut.NationalService<FaultInjector>().FailuresInjected);
    }

    /// <summary>Changes one base64 letter a few characters into the first value after <paramref name="marker"/>.</summary>
    private static byte[] Tamper(byte[] package, string marker, int offset)
    {
        var copy = (byte[])package.Clone();
        var at = Encoding.ASCII.GetString(copy).IndexOf(marker, StringComparison.Ordinal) + marker.Length + offset;
        // Another base64 letter, so the package still parses and only the hash or signature check can refuse it (a
        // flipped bit made '/' into '.', and the package was refused as malformed: a flaky count, CI 2026-11-26).
        copy[at] = copy[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        return copy;
    }
}
