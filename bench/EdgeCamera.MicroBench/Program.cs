using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EdgeCamera.MicroBench;

// ShortRun (1 launch, 3 warm-ups, 3 iterations) in-process: the whole set runs in a few minutes, and no generated
// project has to build under the repository's warnings-as-errors rules.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(VisionBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
