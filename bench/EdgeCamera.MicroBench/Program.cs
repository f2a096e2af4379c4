using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EdgeCamera.MicroBench;

// Our own options first: --models DIR (the ONNX files; default models/), --allocations (the per-part allocation
// probe instead of BenchmarkDotNet). The rest goes to BenchmarkDotNet (e.g. --filter *Onnx*).
var rest = new List<string>();
var probe = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--models" && i + 1 < args.Length)
    {
        BenchModels.Directory = args[++i];
    }
    else if (args[i] == "--allocations")
    {
        probe = true;
    }
    else
    {
        rest.Add(args[i]);
    }
}

if (probe)
{
    AllocationProbe.Run();
    return;
}

// ShortRun (1 launch, 3 warm-ups, 3 iterations) in-process: the whole set runs in a few minutes, and no generated
// project has to build under the repository's warnings-as-errors rules.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(VisionBenchmarks).Assembly).Run(rest.Count == 0 ? ["--filter", "*"] : [.. rest], config);
