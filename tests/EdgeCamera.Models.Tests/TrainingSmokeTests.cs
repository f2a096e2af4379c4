using System.Diagnostics;
using EdgeCamera.TestKit;
using Xunit.Abstractions;

namespace EdgeCamera.Models.Tests;

/// <summary>
/// CI never retrains, but the training script must not rot: `models/train.py --smoke` builds a tiny data set,
/// runs a few steps of both models and exports them; the exports must honour CONTRACT.md.
/// </summary>
public sealed class TrainingSmokeTests(ITestOutputHelper output) : IDisposable
{
    // Debian's interpreter: the only one with python3-torch on this machine (shared/toolchain.md).
    private const string Python = "/usr/bin/python3";

    // The smoke run takes well under two minutes on 2 idle cores; five minutes is the hard stop.
    private static readonly TimeSpan SmokeTimeout = TimeSpan.FromMinutes(5);

    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "edgecam-train-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Training_script_smoke_run_exports_both_models_that_load_with_the_contract_shapes()
    {
        Assert.True(File.Exists(Python), $"{Python} (Debian python3 with python3-torch) is needed to train");
        var psi = new ProcessStartInfo(Python)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "models/train.py", "--smoke", "--out", _outDir, "--workers", "1" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(SmokeTimeout);
        var finished = true;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            finished = false;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(finished, $"train.py --smoke did not finish within {SmokeTimeout}");
        Assert.Equal(0, process.ExitCode);

        ModelContract.CheckDetector(Path.Combine(_outDir, "plate-detector.onnx"), Path.Combine(_outDir, "plate-detector.json"));
        ModelContract.CheckRecogniser(Path.Combine(_outDir, "plate-recogniser.onnx"), Path.Combine(_outDir, "plate-recogniser.json"), batch: 2);
    }

    public void Dispose()
    {
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }
}
