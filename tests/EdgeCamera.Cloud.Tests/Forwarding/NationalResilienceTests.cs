using EdgeCamera.Cloud.Forwarding;
using EdgeCamera.NationalSim;
using EdgeCamera.NationalSim.Faults;
using EdgeCamera.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Tests.Forwarding;

public sealed class NationalResilienceTests
{
    [Fact]
    public async Task Calls_are_retried_inside_one_attempt_and_a_run_of_failures_opens_the_circuit_so_later_calls_fail_without_reaching_the_system()
    {
        var port = FreePort.Next();
        await using var national = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{port}"]);
        await national.StartAsync();
        var faults = national.Services.GetRequiredService<FaultInjector>();
        faults.Apply(new FaultInjector.Settings(FailNext: 0, DelayMs: 0, FailForMs: 600_000));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NationalSystem:BaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Forwarding:CallRetries"] = "2",
            ["Forwarding:CallRetryDelay"] = "00:00:00.010",
            ["Forwarding:CircuitMinimumThroughput"] = "4",
            ["Forwarding:CircuitSamplingDuration"] = "00:10:00",
            ["Forwarding:CircuitBreakDuration"] = "00:10:00",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<NationalSystemOptions>().Bind(config.GetSection(NationalSystemOptions.Section));
        services.AddOptions<ForwardingOptions>().Bind(config.GetSection(ForwardingOptions.Section));
        services.AddSingleton<ForwardingMetrics>();
        services.AddHttpClient<NationalClient>((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<NationalSystemOptions>>().Value.BaseUrl)).AddNationalResilience();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<NationalClient>();
        var record = Contracts.Signing.EvidenceSealer.Seal(SampleEvidence.Create("cam-resilience"), Contracts.Evidence.ChainLink.Genesis, Contracts.Signing.DeviceKey.Generate()).Manifest;

        var first = await client.SubmitAsync(record, CancellationToken.None);
        var reachedAfterFirst = faults.FailuresInjected;
        var results = new List<NationalClient.Result>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await client.SubmitAsync(record, CancellationToken.None));
        }

        Assert.Equal(ForwardOutcome.Transient, first.Outcome);
        Assert.Equal(3, reachedAfterFirst); // one call, two retries
        Assert.All(results, r => Assert.Equal(ForwardOutcome.Transient, r.Outcome));
        Assert.StartsWith("circuit open", results[^1].Error, StringComparison.Ordinal);
        Assert.True(provider.GetRequiredService<ForwardingMetrics>().CircuitRejected >= 4);
        Assert.True(faults.FailuresInjected < 3 * 6, $"the open circuit should have kept calls away; the system saw {faults.FailuresInjected}");
    }
}
