using EdgeCamera.Cloud.Forwarding;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Cloud.Tests.ScaleOut;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.NationalSim.Faults;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests.Forwarding;

public sealed class ForwardingResilienceTests
{
    /// <summary>A small circuit so a short outage opens it (the defaults are sized for production: 10 calls in 30 s).</summary>
    private static readonly string[] TestCircuit =
    [
        "--Forwarding:CircuitMinimumThroughput=4",
        "--Forwarding:CircuitSamplingDuration=00:00:02",
        "--Forwarding:CircuitBreakDuration=00:00:01",
        "--Forwarding:CallRetryDelay=00:00:00.100",
    ];

    [Fact]
    public async Task While_the_national_system_is_down_for_a_while_nothing_is_lost_and_each_notice_is_issued_once_after_it_recovers()
    {
        await using var sut = await ScaleOutUnderTest.StartAsync(nodes: 1, devices: 2, TestCircuit);
        sut.NationalService<FaultInjector>().Apply(new FaultInjector.Settings(FailNext: 0, DelayMs: 0, FailForMs: 4000));
        var sent = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            foreach (var device in sut.Devices)
            {
                var p = device.Signer.Next();
                sent.Add(p.Manifest.EventId);
                await device.PublishAsync(p);
            }
        }

        Assert.True(await Eventually.HoldsAsync(() => sut.Devices.Sum(d => d.Acks.Count) >= sent.Count, TimeSpan.FromSeconds(60)));
        var notices = sut.NationalService<NoticeRegistry>().All();
        Assert.Equal(sent.Order(), notices.Select(n => n.EventId).Order());
        Assert.Equal(0, sut.NationalService<NoticeRegistry>().Duplicates);
        Assert.All(sut.Devices.SelectMany(d => d.Acks), a => Assert.Equal(AckStatus.Accepted, a.Status));
        var metrics = sut.NodeService<ForwardingMetrics>(0);
        Assert.True(metrics.FailedAttempts > 0, "the outage should have cost attempts");
        Assert.Equal(0, metrics.DeadLettered);
        var store = sut.NodeService<IEvidenceStore>(0);
        Assert.Contains(sent, id => store.Find(id)!.ForwardAttempts > 0);
        Assert.All(sent, id => Assert.Equal(ForwardState.Forwarded, store.Find(id)!.State));
    }

    [Fact]
    public async Task A_permanent_refusal_becomes_a_dead_letter_with_its_reason_and_a_replay_delivers_it_once()
    {
        await using var sut = await ScaleOutUnderTest.StartAsync(nodes: 1, devices: 1, TestCircuit);
        var national = sut.NationalService<FaultInjector>();
        national.Apply(new FaultInjector.Settings(FailNext: 1, DelayMs: 0, FailStatus: 400));
        var device = sut.Devices[0];
        var refused = device.Signer.Next();
        await device.PublishAsync(refused);
        var store = sut.NodeService<IEvidenceStore>(0);

        Assert.True(await Eventually.HoldsAsync(() => store.Find(refused.Manifest.EventId)?.State == ForwardState.DeadLetter));
        var dead = store.Find(refused.Manifest.EventId)!;
        Assert.Contains("HTTP 400", dead.DeadLetterReason, StringComparison.Ordinal);
        Assert.Equal(1, dead.ForwardAttempts);
        Assert.Empty(sut.NationalService<NoticeRegistry>().All());
        Assert.Empty(device.Acks);

        // The operator's command, beside the running node (same database).
        using var output = new StringWriter();
        var exit = ReplayCommand.Run(["--event", refused.Manifest.EventId.ToString(), "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={sut.ConnectionString}"], output);

        Assert.Equal((0, $"replayed {refused.Manifest.EventId}"), (exit, output.ToString().Trim()));
        Assert.True(await Eventually.HoldsAsync(() => device.Acks.Any(a => a.EventId == refused.Manifest.EventId)));
        var notice = Assert.Single(sut.NationalService<NoticeRegistry>().All());
        Assert.Equal(refused.Manifest.EventId, notice.EventId);
        Assert.Equal(AckStatus.Accepted, Assert.Single(device.Acks).Status);
        Assert.Equal(ForwardState.Forwarded, store.Find(refused.Manifest.EventId)!.State);
        Assert.Equal(1, ReplayCommand.Run(["--event", refused.Manifest.EventId.ToString(), "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={sut.ConnectionString}"], TextWriter.Null));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(408, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void Only_client_errors_other_than_timeout_and_too_many_requests_are_permanent(int status, bool permanent) =>
        Assert.Equal(permanent, NationalClient.IsPermanent(status));
}
