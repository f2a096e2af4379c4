using System.Text.Json;
using EdgeCamera.Edge.Evaluation;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using Xunit.Abstractions;

namespace EdgeCamera.Edge.Tests.Evaluation;

/// <summary>
/// Each plate engine must not get worse on the real development photographs than its figures in models/scores.json
/// (the model cards' numbers), by more than two points. Where ../shared is absent (a user's machine) the test says so
/// and passes without scoring.
/// </summary>
public sealed class RealDevRegressionTests(ITestOutputHelper output)
{
    private const double AllowedDrop = 0.02;

    [Theory]
    [InlineData("onnx", "saudi-train")]
    [InlineData("onnx", "us")]
    [InlineData("classic", "saudi-train")]
    [InlineData("classic", "us")]
    public void Exact_reads_on_real_photographs_do_not_fall_below_the_model_card(string engine, string set)
    {
        var labelsPath = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "datasets", "real-dev", set, "labels.tsv"));
        if (!File.Exists(labelsPath))
        {
            output.WriteLine($"SKIPPED: {labelsPath} is not here (../shared/datasets is a development-only folder).");
            return;
        }

        using var scores = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("models", "scores.json")));
        var card = scores.RootElement.GetProperty(engine).GetProperty(set);
        Assert.True(LabelsFile.TryLoad(labelsPath, out var labels, out var error), error);
        var kind = engine == "onnx" ? PlateEngineKind.Onnx : PlateEngineKind.Classic;
        using var plates = PlateEngine.Create(kind, new Vision.Onnx.OnnxRuntimeOptions());

        var report = new PlateEvaluator(plates.Detector, plates.Reader).Evaluate(labels);

        output.WriteLine($"{engine} {set}: exact {report.ExactMatch:P1} (card {card.GetProperty("exact_match").GetDouble():P1}), detection recall {report.DetectionRecall:P1}, precision {report.DetectionPrecision:P1}, CER {report.Cer:P1}");
        Assert.True(report.ExactMatch >= card.GetProperty("exact_match").GetDouble() - AllowedDrop, $"exact reads fell to {report.ExactMatch:P1}");
        Assert.True(report.DetectionRecall >= card.GetProperty("detection_recall").GetDouble() - AllowedDrop, $"detection recall fell to {report.DetectionRecall:P1}");
    }
}
