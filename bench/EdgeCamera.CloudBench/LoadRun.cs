using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using EdgeCamera.Cloud;
using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.NationalSim;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.CloudBench;

/// <summary>What one run measured.</summary>
public sealed record LoadResult(
    int Nodes, int Devices, int Packages, long PackageBytes, double IntakeSeconds, double ForwardSeconds,
    IReadOnlyList<long> AcceptedPerNode, double P50IntakeMs, double P95IntakeMs, double MaxIntakeMs,
    int Stored, int Notices, int DistinctNotices, long NationalDuplicates, int Missing,
    IReadOnlyList<(long Batches, long Packages)>? GroupCommitsPerNode, ProcessCpu IntakeCpu);

/// <summary>What one run does. <see cref="ReceiverProcesses"/>: each node is its own <c>edgecam-cloud</c> process
/// (its CPU counted apart); <see cref="Pin"/> (with it): the nodes on the last core, everything else on the others.
/// <see cref="WarmupPerDevice"/>: packages each device sends, all stored and forwarded, before the clock starts (the
/// nodes' code compiled by the JIT, as in a node that has run for a while); not counted in any figure.</summary>
public sealed record LoadSettings(
    int Nodes, int Devices, int PerDevice, int FrameBytes, int CropBytes, TimeSpan Limit, IReadOnlyList<string> ReceiverArgs,
    bool Presign = false, bool PayloadFiles = false, bool ReceiverProcesses = false, bool Pin = false, int WarmupPerDevice = 0);

/// <summary>
/// One load run: a real Mosquitto and a real PostgreSQL (fsync on) on 127.0.0.1, the national stand-in, N receiver nodes
/// (one shared-subscription group; in-process hosts, or <c>edgecam-cloud</c> processes) and D simulated devices, each
/// publishing P signed packages as fast as the broker acknowledges them (QoS 1). Intake latency: from just before the
/// device's publish to the row's received_at (same clock). Bounded: the run gives up after <see cref="LoadSettings.Limit"/>.
/// With <see cref="LoadSettings.Presign"/> every package is sealed and serialised before the clock starts, so the
/// devices' signing does not share the timed CPU with the receivers (in the field it runs on the cameras). With
/// <see cref="LoadSettings.PayloadFiles"/> the nodes keep package bytes in files (<c>Storage:PayloadDirectory</c>, one
/// directory shared by the nodes, on the same disk as the database) and PostgreSQL only the rows.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadSettings settings)
    {
        var (nodes, devices, perDevice, frameBytes, cropBytes, limit, receiverArgs, presign, payloadFiles, processes, pin, warmup) = settings;
        var lastCore = Environment.ProcessorCount - 1;
        if (pin)
        {
            PinSelf(lastCore); // before the broker and database start: they inherit it
        }

        var dir = Directory.CreateTempSubdirectory("edgecam-cloudbench-").FullName;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var connection = await postgres.CreateDatabaseAsync("bench");
        var nationalPort = FreePort.Next();
        await using var national = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{nationalPort}", "--Serilog:MinimumLevel:Default=Warning", "--Serilog:LogDirectory="]);
        await national.StartAsync();
        var units = Enumerable.Range(1, devices).Select(d => new TestDevice($"bench-cam-{d:D3}")).ToList();
        units.ForEach(u => u.RegisterIn(Path.Combine(dir, "devices")));
        var hosts = new List<WebApplication>();
        var receivers = new List<ReceiverProcess>();
        var payloadDirectory = Path.Combine(dir, "payloads");
        using var store = new PostgresEvidenceStore(connection, payloadFiles ? new PayloadFiles(payloadDirectory) : null);
        var sessions = new List<MqttSession>();
        using var stop = new CancellationTokenSource();
        var loops = new List<Task>();
        try
        {
            foreach (var u in units)
            {
                var s = new MqttSession(new MqttSessionOptions { Port = broker.Port, ClientId = u.DeviceId }, [], NullLogger<MqttSession>.Instance, TimeProvider.System);
                sessions.Add(s);
                loops.Add(s.RunAsync(stop.Token));
            }

            for (var n = 0; n < nodes; n++)
            {
                string[] nodeArgs =
                [
                    $"--Broker:Port={broker.Port}", $"--Broker:ClientId=bench-node-{n + 1}",
                    "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connection}",
                    $"--Devices:PublicKeyDirectory={Path.Combine(dir, "devices")}", $"--NationalSystem:BaseUrl=http://127.0.0.1:{nationalPort}/",
                    "--Serilog:MinimumLevel:Default=Warning", "--Serilog:LogDirectory=",
                    .. payloadFiles ? [$"--Storage:PayloadDirectory={payloadDirectory}"] : Array.Empty<string>(),
                    .. receiverArgs,
                ];
                if (processes)
                {
                    var receiver = ReceiverProcess.Start(nodeArgs, pin ? [lastCore] : null);
                    receivers.Add(receiver);
                    await receiver.WaitReadyAsync();
                    await WaitSubscribedAsync(async () => (await receiver.StatsAsync()).ProbeSeen, sessions[0], units[0].DeviceId);
                    continue;
                }

                var host = CloudApp.Build(["--Urls=http://127.0.0.1:0", .. nodeArgs]);
                await host.StartAsync();
                hosts.Add(host);
                var metrics = host.Services.GetRequiredService<IntakeMetrics>();
                await WaitSubscribedAsync(() => Task.FromResult(metrics.RejectedByReason.ContainsKey(RejectReason.Malformed)), sessions[0], units[0].DeviceId);
            }

            // Images of realistic size, incompressible like JPEG; one set per device, reused (the manifest differs).
            var images = units.ToDictionary(u => u.DeviceId, _ => (Frame: RandomNumberGenerator.GetBytes(frameBytes), Crop: RandomNumberGenerator.GetBytes(cropBytes)));
            var publishedAt = new ConcurrentDictionary<Guid, DateTime>();
            long packageBytes = 0;
            SealedPackage Seal(TestDevice u)
            {
                var draft = SampleEvidence.Create(u.DeviceId);
                var (frame, crop) = images[u.DeviceId];
                var package = u.Next(EvidenceDraft.Create(draft.Manifest, [new PackageImage(EvidenceImage.FullFrame, frame), new PackageImage(EvidenceImage.PlateCrop, crop)]));
                Interlocked.Exchange(ref packageBytes, package.WireBytes.Length);
                return package;
            }

            using var deadline = new CancellationTokenSource(limit);
            var registry = national.Services.GetRequiredService<NoticeRegistry>();
            if (warmup > 0)
            {
                await Task.WhenAll(units.Select((u, i) => Task.Run(async () =>
                {
                    for (var k = 0; k < warmup && !deadline.IsCancellationRequested; k++)
                    {
                        var package = Seal(u);
                        while (!await sessions[i].TryPublishAsync(Topics.Evidence(u.DeviceId), package.WireBytes, deadline.Token))
                        {
                            await Task.Delay(50, deadline.Token);
                        }
                    }
                })));
                while ((store.Count() < devices * warmup || registry.All().Count < devices * warmup) && !deadline.IsCancellationRequested)
                {
                    await Task.Delay(20);
                }
            }

            var already = store.Count();
            var sealedAhead = presign ? units.Select(u => Enumerable.Range(0, perDevice).Select(_ => Seal(u)).ToList()).ToList() : null;
            var receiverIds = receivers.Select(r => r.Id).ToList();
            var acceptedBefore = processes
                ? await Task.WhenAll(receivers.Select(async r => (await r.StatsAsync()).Accepted))
                : [.. hosts.Select(h => h.Services.GetRequiredService<IntakeMetrics>().Accepted)];
            var cpuAtStart = ProcessCpu.Now(receiverIds);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(units.Select((u, i) => Task.Run(async () =>
            {
                for (var k = 0; k < perDevice && !deadline.IsCancellationRequested; k++)
                {
                    var package = sealedAhead?[i][k] ?? Seal(u);
                    publishedAt[package.Manifest.EventId] = DateTime.UtcNow;
                    while (!await sessions[i].TryPublishAsync(Topics.Evidence(u.DeviceId), package.WireBytes, deadline.Token))
                    {
                        await Task.Delay(50, deadline.Token);
                    }
                }
            })));

            var total = publishedAt.Count;
            while (store.Count() < already + total && !deadline.IsCancellationRequested)
            {
                await Task.Delay(20);
            }

            var intakeSeconds = clock.Elapsed.TotalSeconds;
            var intakeCpu = ProcessCpu.Now(receiverIds).Since(cpuAtStart);
            while (registry.All().Count < already + total && !deadline.IsCancellationRequested)
            {
                await Task.Delay(20);
            }

            var forwardSeconds = clock.Elapsed.TotalSeconds;
            var latencies = publishedAt
                .Select(p => (Sent: p.Value, Stored: store.Find(p.Key)?.ReceivedAtUtc))
                .Where(p => p.Stored is not null)
                .Select(p => (DateTime.SpecifyKind(p.Stored!.Value, DateTimeKind.Utc) - p.Sent).TotalMilliseconds)
                .Order().ToList();
            var notices = registry.All().Where(x => publishedAt.ContainsKey(x.EventId)).ToList();
            return new LoadResult(
                nodes, devices, total, Interlocked.Read(ref packageBytes), intakeSeconds, forwardSeconds,
                processes
                    ? [.. await Task.WhenAll(receivers.Select(async (r, n) => (await r.StatsAsync()).Accepted - acceptedBefore[n]))]
                    : [.. hosts.Select((h, n) => h.Services.GetRequiredService<IntakeMetrics>().Accepted - acceptedBefore[n])],
                Percentile(latencies, 0.50), Percentile(latencies, 0.95), latencies.Count == 0 ? double.NaN : latencies[^1],
                store.Count() - already, notices.Count, notices.Select(x => x.EventId).Distinct().Count(), registry.Duplicates,
                publishedAt.Keys.Except(notices.Select(x => x.EventId)).Count(),
                processes ? null : [.. hosts.Select(h => h.Services.GetRequiredService<GroupCommitWriter>()).Select(w => (w.Batches, w.Packages))],
                intakeCpu);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            foreach (var s in sessions)
            {
                await s.DisposeAsync();
            }

            foreach (var h in hosts)
            {
                await h.StopAsync();
                await h.DisposeAsync();
            }

            receivers.ForEach(r => r.Dispose());
            units.ForEach(u => u.Dispose());
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every thread of this process (and what it starts later) on the cores other than <paramref name="spared"/>
    /// (taskset -a: .NET's ProcessorAffinity on Linux sets only the main thread).</summary>
    private static void PinSelf(int spared)
    {
        var cores = string.Join(',', Enumerable.Range(0, Environment.ProcessorCount).Where(c => c != spared));
        var psi = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-a", "-p", "-c", cores, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        using var taskset = Process.Start(psi)!;
        taskset.StandardOutput.ReadToEnd();
        taskset.WaitForExit();
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException("taskset failed: cannot pin the bench process");
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Publishes malformed probes until the newest node counts one: its shared subscription is in place.</summary>
    private static async Task WaitSubscribedAsync(Func<Task<bool>> probeSeen, MqttSession device, string deviceId)
    {
        for (var attempt = 0; attempt < 300 && !await probeSeen(); attempt++)
        {
            await device.TryPublishAsync(Topics.Evidence(deviceId), "probe"u8.ToArray(), CancellationToken.None);
            await Task.Delay(100);
        }
    }
}
