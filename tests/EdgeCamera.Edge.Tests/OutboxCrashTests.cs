using System.Diagnostics;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.TestKit;
using Xunit.Abstractions;

namespace EdgeCamera.Edge.Tests;

/// <summary>
/// Power cut at any moment, as close as a test gets: a child process adds packages to the outbox in a burst and is
/// killed with SIGKILL after a varying number of them, many times over the same database file.
/// </summary>
public sealed class OutboxCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private const int BurstSize = 1000; // More than a round ever reaches before its kill.
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-crash-").FullName;
    private readonly TestDevice _device = new("cam-crash");

    [Fact]
    public async Task Killing_the_writer_mid_burst_20_times_loses_no_accepted_package_duplicates_none_and_keeps_the_chain_whole()
    {
        var db = Path.Combine(_dir, "outbox.db");
        var key = _device.WritePrivateKey(Path.Combine(_dir, "device-key.pem"));
        var accepted = new List<Guid>();
        var random = new Random(20261125);

        for (var round = 0; round < Kills; round++)
        {
            // Vary the moment of the kill: after 1 to 12 packages seen committed (more are usually in flight).
            accepted.AddRange(await RunAndKillAsync(db, key, killAfter: random.Next(1, 13)));
        }

        using var outbox = new LiteDbOutbox(db, _device.Key);
        var entries = outbox.Pending(100_000);
        var ids = entries.Select(e => e.EventId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(accepted.Except(ids));
        Assert.True(accepted.Count >= Kills, $"each round should have committed at least one package, saw {accepted.Count}");

        output.WriteLine($"{Kills} kills: {accepted.Count} packages seen committed, {entries.Count} stored (the rest were committed after the last line the test read)");

        // Every stored package verifies and the sequence numbers run 1..N with every link intact, across 20 crashes.
        var verified = entries.Select(e => EvidenceVerifier.Verify(e.Payload, _device.Key, "cam-crash")).ToList();
        Assert.All(verified, v => Assert.True(v.Ok, v.Reason));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), verified.Select(v => v.Manifest!.Sequence));
        var chain = ChainVerifier.Check(verified);
        Assert.True(chain.Ok, string.Join("; ", chain.Problems));
        Assert.Equal(entries.Count, outbox.Chain.Sequence);

        // And the database takes new work after the last crash.
        var next = outbox.Add(SampleEvidence.Create("cam-crash"), DateTime.UtcNow);
        Assert.Equal(entries.Count + 1, next.Sequence);
    }

    private static async Task<List<Guid>> RunAndKillAsync(string db, string key, int killAfter)
    {
        var writer = Path.Combine(RepoPaths.Root, "tests", "EdgeCamera.OutboxCrashWriter", "bin", BuildConfiguration(), "net10.0", "outbox-crash-writer.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", writer, db, key, BurstSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var accepted = new List<Guid>();
        using var timeout = new CancellationTokenSource(RoundTimeout);
        try
        {
            while (accepted.Count < killAfter && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("accepted ", StringComparison.Ordinal))
                {
                    accepted.Add(Guid.Parse(line["accepted ".Length..]));
                }
            }
        }
        finally
        {
            process.Kill(); // SIGKILL on Linux: no finaliser, no dispose, no flush.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(accepted.Count == killAfter, $"writer stopped early: {await process.StandardError.ReadToEndAsync()}");
        return accepted;
    }

    private static string BuildConfiguration() =>
        Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))!)!;

    public void Dispose()
    {
        _device.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
