using System.Globalization;
using EdgeCamera.CloudBench;

// The cloud load test (issue 7): see bench/README.md, "Cloud load test". Not a unit test: it measures this machine.
// Usage: dotnet run -c Release --project bench/EdgeCamera.CloudBench -- [--devices 8] [--packages 100] [--nodes 1,2] [--frame-kb 450] [--crop-kb 20] [--max-batch N] [--max-batch-wait-ms N] [--presign] [--payload-files] [--receiver-process [--pin]] [--warmup N] [--mqtt-floor [--runs N]]
var c = CultureInfo.InvariantCulture;
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], c) : fallback;
var devices = Arg("--devices", 8);
var perDevice = Arg("--packages", 100);
var frameKb = Arg("--frame-kb", 450);
var cropKb = Arg("--crop-kb", 20);
var nodeCounts = Array.IndexOf(args, "--nodes") is var n and >= 0 ? args[n + 1].Split(',').Select(s => int.Parse(s, c)).ToArray() : [1, 2];
var limit = TimeSpan.FromMinutes(5);
var presign = args.Contains("--presign"); // seal every package before the clock starts: devices' signing not timed
var payloadFiles = args.Contains("--payload-files"); // Storage:PayloadDirectory: package bytes in files, rows in PostgreSQL
var receiverProcess = args.Contains("--receiver-process"); // each node its own edgecam-cloud process, its CPU counted apart
var pin = receiverProcess && args.Contains("--pin"); // nodes on the last core, everything else on the others
var warmup = Arg("--warmup", 0); // packages per device stored and forwarded before the clock starts (JIT-compiled nodes)
var maxBatch = Arg("--max-batch", 0); // 0: the receiver's default Receiver:MaxBatchPackages; 1: one package per transaction
var maxBatchWaitMs = Arg("--max-batch-wait-ms", -1); // -1: the receiver's default Receiver:MaxBatchWait
string[] receiverArgs =
[
    .. maxBatch > 0 ? [$"--Receiver:MaxBatchPackages={maxBatch.ToString(c)}"] : Array.Empty<string>(),
    .. maxBatchWaitMs >= 0 ? [$"--Receiver:MaxBatchWait={TimeSpan.FromMilliseconds(maxBatchWaitMs).ToString("c", c)}"] : Array.Empty<string>(),
];

Console.WriteLine(string.Create(c, $"EdgeCamera cloud load test — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start"));
if (args.Contains("--mqtt-floor"))
{
    // The MQTT path alone, no receiver (MqttFloorRun): what no receiver node on this machine can exceed.
    Console.WriteLine(string.Create(c, $"MQTT floor: {devices} devices × {perDevice} messages of {frameKb + cropKb} KB + manifest-sized slack (random bytes), QoS 1, Mosquitto on 127.0.0.1, one subscriber that copies each payload out and acknowledges it"));
    Console.WriteLine();
    Console.WriteLine("| devices | messages | message size | received | seconds | messages/s received | CPU ms per message: bench process / Mosquitto (cores busy) |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
    for (var run = 0; run < Arg("--runs", 1); run++)
    {
        var f = await MqttFloorRun.RunAsync(devices, perDevice, ((frameKb + cropKb) * 1024 * 4 / 3) + 2048, limit);
        var busyCores = (f.Cpu.Bench + f.Cpu.Mosquitto).TotalSeconds / f.Seconds;
        Console.WriteLine(string.Create(c,
            $"| {f.Devices} | {f.Messages} | {f.MessageBytes / 1024.0:F0} KB | {f.Received} | {f.Seconds:F1} | {f.Received / f.Seconds:F1} | {f.Cpu.Bench.TotalMilliseconds / f.Received:F2} / {f.Cpu.Mosquitto.TotalMilliseconds / f.Received:F2} ({busyCores:F2}) |"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(c, $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at end"));
    return 0;
}

Console.WriteLine(string.Create(c, $"{devices} devices × {perDevice} packages, images {frameKb} KB + {cropKb} KB (random bytes: incompressible like JPEG), Mosquitto + PostgreSQL 15 (fsync on) on 127.0.0.1, Receiver:MaxBatchPackages {(maxBatch > 0 ? maxBatch.ToString(c) : "default")}, MaxBatchWait {(maxBatchWaitMs >= 0 ? maxBatchWaitMs.ToString(c) + " ms" : "default")}, packages {(presign ? "sealed before the clock starts" : "sealed by the devices while timed")}, payloads {(payloadFiles ? "in files (Storage:PayloadDirectory)" : "in PostgreSQL rows")}, nodes {(receiverProcess ? "as edgecam-cloud processes" + (pin ? $" pinned to core {Environment.ProcessorCount - 1}, the rest on the others" : string.Empty) : "in the bench process")}, warm-up {warmup} packages per device before the clock"));
Console.WriteLine();
Console.WriteLine("| receiver nodes | packages | package size | intake (all stored) | packages/s total | packages/s per node (accepted) | intake latency p50 / p95 / max | all forwarded after | stored | notices (distinct) | national duplicates | lost | group commits per node (packages per commit) | CPU ms per package: bench process / Mosquitto / PostgreSQL / receiver processes (cores busy) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
foreach (var nodes in nodeCounts)
{
    var r = await LoadRun.RunAsync(new LoadSettings(nodes, devices, perDevice, frameKb * 1024, cropKb * 1024, limit, receiverArgs, presign, payloadFiles, receiverProcess, pin, warmup));
    double PerPackage(TimeSpan t) => t.TotalMilliseconds / r.Packages;
    var busy = (r.IntakeCpu.Bench + r.IntakeCpu.Mosquitto + r.IntakeCpu.Postgres + r.IntakeCpu.Receivers).TotalSeconds / r.IntakeSeconds;
    var cpu = string.Create(c, $"{PerPackage(r.IntakeCpu.Bench):F1} / {PerPackage(r.IntakeCpu.Mosquitto):F1} / {PerPackage(r.IntakeCpu.Postgres):F1} / {PerPackage(r.IntakeCpu.Receivers):F1} ({busy:F2})");
    var commits = r.GroupCommitsPerNode is null ? "not read (own process)" : string.Join(" + ", r.GroupCommitsPerNode.Select(g => g.Batches == 0 ? "none (one per package)" : string.Create(c, $"{g.Batches} ({(double)g.Packages / g.Batches:F1})")));
    var perNode = string.Join(" + ", r.AcceptedPerNode.Select(a => (a / r.IntakeSeconds).ToString("F0", c) + $" ({a})"));
    Console.WriteLine(string.Create(c,
        $"| {r.Nodes} | {r.Packages} | {r.PackageBytes / 1024.0:F0} KB | {r.IntakeSeconds:F1} s | {r.Packages / r.IntakeSeconds:F1} | {perNode} | {r.P50IntakeMs:F0} / {r.P95IntakeMs:F0} / {r.MaxIntakeMs:F0} ms | {r.ForwardSeconds:F1} s | {r.Stored} | {r.Notices} ({r.DistinctNotices}) | {r.NationalDuplicates} | {r.Missing} | {commits} | {cpu} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(c, $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at end"));
return 0;
