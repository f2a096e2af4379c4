using System.Diagnostics;
using EdgeCamera.TestKit;
using Xunit.Abstractions;

namespace EdgeCamera.Models.Tests;

/// <summary>
/// CI never retrains, but the training script must not rot: `models/train.py --smoke` builds a tiny data set,
/// runs a few steps of both models and exports them; the exports must honour CONTRACT.md. A second run continues the
/// detector from its exported ONNX file, as a fresh checkout (no checkpoint) does.
/// </summary>
public sealed class TrainingSmokeTests(ITestOutputHelper output) : IDisposable
{
    // Debian's interpreter: the only one with python3-torch on this machine (shared/toolchain.md).
    private const string Python = "/usr/bin/python3";

    // The smoke run takes well under two minutes on 2 idle cores; five minutes is the hard stop.
    private static readonly TimeSpan SmokeTimeout = TimeSpan.FromMinutes(5);

    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "edgecam-train-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Training_script_smoke_run_exports_both_models_and_continues_the_detector_from_its_onnx_file()
    {
        Assert.True(File.Exists(Python), $"{Python} (Debian python3 with python3-torch) is needed to train");
        await RunTrainingAsync("--smoke", "--out", _outDir, "--workers", "1");

        var detector = Path.Combine(_outDir, "plate-detector.onnx");
        ModelContract.CheckDetector(detector, Path.Combine(_outDir, "plate-detector.json"));
        ModelContract.CheckRecogniser(Path.Combine(_outDir, "plate-recogniser.onnx"), Path.Combine(_outDir, "plate-recogniser.json"), batch: 2);

        // A fresh checkout has the committed ONNX file but no checkpoint: --resume rebuilds the network from the file.
        File.Delete(Path.Combine(_outDir, "cache", "detector.pt"));
        var exportedBefore = File.GetLastWriteTimeUtc(detector);
        var log = await RunTrainingAsync("--smoke", "--stage", "detector", "--resume", "--out", _outDir, "--workers", "1");
        Assert.Contains("(BatchNorm folded, kept frozen)", log, StringComparison.Ordinal);
        Assert.True(File.GetLastWriteTimeUtc(detector) > exportedBefore, "the continued detector was not exported");
        ModelContract.CheckDetector(detector, Path.Combine(_outDir, "plate-detector.json"));
    }

    private async Task<string> RunTrainingAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(Python)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("models/train.py");
        foreach (var arg in args)
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

        var log = await stdout;
        output.WriteLine(log);
        output.WriteLine(await stderr);
        Assert.True(finished, $"train.py {string.Join(' ', args)} did not finish within {SmokeTimeout}");
        Assert.Equal(0, process.ExitCode);
        return log;
    }

    public void Dispose()
    {
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }
}
