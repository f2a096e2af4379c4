using EdgeCamera.TestKit;
using Xunit.Abstractions;

namespace EdgeCamera.Models.Tests;

/// <summary>
/// CI never retrains, but the training script must not rot: `models/train.py --smoke` builds a tiny data set,
/// runs a few steps of the models (the detector, the verifier, the box refiner and both recognisers) and exports them; the exports must honour CONTRACT.md. A second run continues both
/// models from their exported ONNX files, as a fresh checkout (no checkpoints) does, the recogniser with --scene-crops,
/// the detector with --real-plates, --keep-boxes and --flip.
/// </summary>
public sealed class TrainingSmokeTests(ITestOutputHelper output) : IDisposable
{
    // The smoke run takes well under two minutes on 2 idle cores; five minutes is the hard stop.
    private static readonly TimeSpan SmokeTimeout = TimeSpan.FromMinutes(5);

    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "edgecam-train-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Training_script_smoke_run_exports_every_model_and_continues_detector_and_recogniser_from_their_onnx_files()
    {
        // A narrower recogniser than the committed one (base 16 against 32), so that --resume below must read the
        // width from the ONNX file.
        await RunTrainingAsync("--smoke", "--out", _outDir, "--workers", "1", "--rec-base", "16");

        var detector = Path.Combine(_outDir, "plate-detector.onnx");
        ModelContract.CheckDetector(detector, Path.Combine(_outDir, "plate-detector.json"));
        ModelContract.CheckRecogniser(Path.Combine(_outDir, "plate-recogniser.onnx"), Path.Combine(_outDir, "plate-recogniser.json"), batch: 2);
        // Each test scene set also lists its plates with the hard-to-read ones labelled "?" (scored for detection only).
        var testScenes = Path.Combine(_outDir, "cache", "scenes-test-1080");
        static IEnumerable<string> Boxes(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')[1]);
        Assert.Equal(Boxes(Path.Combine(testScenes, "labels.tsv")), Boxes(Path.Combine(testScenes, "labels-clear.tsv")));

        // The verifier: trained on that detector's boxes, its keep rule chosen on validation scenes.
        ModelContract.CheckVerifier(Path.Combine(_outDir, "plate-verifier.onnx"), Path.Combine(_outDir, "plate-verifier.json"), batch: 2);

        // The box refiner: trained on that detector's boxes and distorted labels.
        ModelContract.CheckRefiner(Path.Combine(_outDir, "plate-refiner.onnx"), Path.Combine(_outDir, "plate-refiner.json"), batch: 2);

        // The second recogniser: trained after the detector, on plates cut at that detector's boxes too.
        ModelContract.CheckRecogniser(Path.Combine(_outDir, "plate-recogniser-b.onnx"), Path.Combine(_outDir, "plate-recogniser-b.json"), batch: 2);

        // A fresh checkout has the committed ONNX files but no checkpoints: --resume rebuilds both networks from them.
        var recogniser = Path.Combine(_outDir, "plate-recogniser.onnx");
        File.Delete(Path.Combine(_outDir, "cache", "detector.pt"));
        File.Delete(Path.Combine(_outDir, "cache", "recogniser.pt"));
        var exportedBefore = (File.GetLastWriteTimeUtc(detector), File.GetLastWriteTimeUtc(recogniser));
        var parametersBefore = RecogniserParameters(Path.Combine(_outDir, "plate-recogniser.json"));
        // The continued recogniser also learns from plates cut out of 1920×1080 scenes at the detector's boxes and
        // from long (520×110 mm) Saudi plates; the continued detector from scenes with real-dev train plates pasted
        // in, its boxes (and, where the frame was not made to end across a plate, its heatmap) pulled towards the ones it
        // started with, half its windows mirrored.
        var log = await RunTrainingAsync("--smoke", "--resume", "--scene-crops", "--long-plates", "--real-plates", "--keep-boxes",
            "--flip", "--cut-edge", "--keep-heat", "--out", _outDir, "--workers", "1");
        Assert.Matches(@"scene crops scenes-train-1080: \d+ crops \(\d+ cut at the detector's box\)", log);
        Assert.Matches(@"scenes scenes-train-real: \d+ real plates to paste", log);
        Assert.Contains("detector: boxes pulled towards the starting detector's (--keep-boxes)", log, StringComparison.Ordinal);
        Assert.Contains("detector: half the training windows mirrored left to right (--flip)", log, StringComparison.Ordinal);
        Assert.Contains("heatmap too, on windows not cut (--keep-heat 1)", log, StringComparison.Ordinal);
        Assert.Contains("detector: the frame ends across a plate in 20% of the windows with plates (--cut-edge)", log, StringComparison.Ordinal);
        Assert.Contains("detector: resuming from " + detector + " (BatchNorm folded, kept frozen)", log, StringComparison.Ordinal);
        Assert.Contains("recogniser: resuming from " + recogniser + " (BatchNorm folded, kept frozen)", log, StringComparison.Ordinal);
        Assert.True(File.GetLastWriteTimeUtc(detector) > exportedBefore.Item1, "the continued detector was not exported");
        Assert.True(File.GetLastWriteTimeUtc(recogniser) > exportedBefore.Item2, "the continued recogniser was not exported");
        ModelContract.CheckDetector(detector, Path.Combine(_outDir, "plate-detector.json"));
        ModelContract.CheckRecogniser(recogniser, Path.Combine(_outDir, "plate-recogniser.json"), batch: 2);
        var parameters = RecogniserParameters(Path.Combine(_outDir, "plate-recogniser.json"));
        Assert.Equal(parametersBefore, parameters);
        Assert.True(parameters < RecogniserParameters(Path.Combine(RepoPaths.Root, "models", "plate-recogniser.json")),
            $"the base-16 recogniser has {parameters} parameters, not fewer than the committed one");
    }

    private static long RecogniserParameters(string jsonPath)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(jsonPath));
        return doc.RootElement.GetProperty("parameters").GetInt64();
    }

    private Task<string> RunTrainingAsync(params string[] args) =>
        DebianPython.RunAsync(["models/train.py", .. args], RepoPaths.Root, SmokeTimeout, output);

    public void Dispose()
    {
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }
}
