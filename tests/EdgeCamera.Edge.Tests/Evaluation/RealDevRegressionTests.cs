using System.Text.Json;
using EdgeCamera.Edge.Evaluation;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using Xunit.Abstractions;

namespace EdgeCamera.Edge.Tests.Evaluation;

/// <summary>
/// The shipped detector and reader must not get worse on the real development photographs than the figures in
/// models/scores.json (the model card's numbers), by more than two points. Where ../shared is absent (a user's
/// machine) the test says so and passes without scoring.
/// </summary>
public sealed class RealDevRegressionTests(ITestOutputHelper output)
{
    private const double AllowedDrop = 0.02;

    [Theory]
    [InlineData("saudi-train")]
    [InlineData("us")]
    public void Exact_reads_on_real_photographs_do_not_fall_below_the_model_card(string set)
    {
        var labelsPath = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "datasets", "real-dev", set, "labels.tsv"));
        if (!File.Exists(labelsPath))
        {
            output.WriteLine($"SKIPPED: {labelsPath} is not here (../shared/datasets is a development-only folder).");
            return;
        }

        using var scores = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("models", "scores.json")));
        var card = scores.RootElement.GetProperty(set);
        Assert.True(LabelsFile.TryLoad(labelsPath, out var labels, out var error), error);
        using var detector = new ClassicPlateDetector();
        using var reader = new TesseractPlateReader();

        var report = new PlateEvaluator(detector, reader).Evaluate(labels);

        output.WriteLine($"{set}: exact {report.ExactMatch:P1} (card {card.GetProperty("exact_match").GetDouble():P1}), detection recall {report.DetectionRecall:P1}, precision {report.DetectionPrecision:P1}, CER {report.Cer:P1}");
        Assert.True(report.ExactMatch >= card.GetProperty("exact_match").GetDouble() - AllowedDrop, $"exact reads fell to {report.ExactMatch:P1}");
        Assert.True(report.DetectionRecall >= card.GetProperty("detection_recall").GetDouble() - AllowedDrop, $"detection recall fell to {report.DetectionRecall:P1}");
    }
}
