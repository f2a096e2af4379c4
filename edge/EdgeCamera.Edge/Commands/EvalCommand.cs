using System.Globalization;
using System.Text.Json;
using EdgeCamera.Edge.Evaluation;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// <c>edgecam eval LABELS.tsv [--json] [--verbose] [--engine onnx|onnx+tesseract|classic] [--models DIR]</c>: detection precision and recall (IoU ≥ 0.5), exact plate
/// accuracy, character error rate, a per-country breakdown and time per image, for the edge's own detector and reader.
/// </summary>
public static class EvalCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        if (!EngineArguments.TryParse(args, out var engineKind, out var runtime, out args, out var engineError))
        {
            output.WriteLine($"eval: {engineError}");
            return 2;
        }

        var json = args.Contains("--json");
        var verbose = args.Contains("--verbose");
        var labelsPath = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (labelsPath is null)
        {
            output.WriteLine("usage: edgecam eval LABELS.tsv [--json] [--verbose] [--engine onnx|onnx+tesseract|classic] [--models DIR]");
            return 2;
        }

        if (!LabelsFile.TryLoad(labelsPath, out var labels, out var error))
        {
            output.WriteLine($"eval: {error}");
            return 2;
        }

        using var engine = PlateEngine.Create(engineKind, runtime);
        if (!json)
        {
            output.WriteLine($"engine: {engine.Description}");
        }

        var report = new PlateEvaluator(engine.Detector, engine.Reader).Evaluate(labels, verbose && !json ? output.WriteLine : null);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, EvaluationJsonContext.Default.EvaluationReport));
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        // the detectors nest too: the refiner around the verifier around the ONNX detector
        var refined = engine.Detector as RefinedPlateDetector;
        if ((refined?.Detector ?? engine.Detector) is VerifiedPlateDetector verified)
        {
            output.WriteLine(string.Create(c, $"verifier: checked {verified.Checked} boxes, dropped {verified.Rejected}, kept {verified.KeptOnSecondLook} more on a second look at the redrawn box"));
        }

        if (refined is not null)
        {
            output.WriteLine(string.Create(c, $"refiner: redrew {refined.Refined} boxes, kept {refined.KeptAsFound} as found"));
        }

        // the readers nest: Tesseract's second opinion (onnx+tesseract) around the widening around the recogniser pair
        var primary = (engine.Reader as SecondOpinionPlateReader)?.Primary ?? engine.Reader;
        var widening = primary as WideningPlateReader;
        if (widening is not null)
        {
            output.WriteLine(string.Create(c, $"wide Saudi boxes read again wider: {widening.Widened}, read lengthened {widening.Lengthened}"));
        }

        var pair = (widening?.Inner ?? primary) as BestOfTwoPlateReader;
        if (pair is not null)
        {
            output.WriteLine(string.Create(c, $"second recogniser (below confidence {pair.AskBelow:0.##}): asked {pair.Asked}, its read kept {pair.SecondWon}"));
        }

        if (engine.Reader is SecondOpinionPlateReader second)
        {
            output.WriteLine(string.Create(c, $"second opinion (Tesseract below {second.AskBelow:0.##}): asked {second.Asked}, agreed {second.Agreed}, overruled the model {second.Overruled}"));
        }

        output.WriteLine(string.Create(c, $"images {report.Images}, plates {report.Plates}, detections {report.Detections}, unreadable images {report.UnreadableImages}"));
        output.WriteLine(string.Create(c, $"detection precision {report.DetectionPrecision:P1}  recall {report.DetectionRecall:P1}  (any candidate: {report.CandidateRecall:P1})"));
        output.WriteLine(string.Create(c, $"exact plate reads {report.ExactMatch:P1}  CER {report.Cer:P1}  time {report.MsPerImage:F1} ms/image"));
        if (report.AgreementFlaggedCorrectly is { } flagged)
        {
            output.WriteLine(string.Create(c, $"Arabic/Latin halves: flagged correctly {flagged:P1} of {report.AgreementFlagged} flagged ({report.AgreementPlates} read with both halves labelled; the rest not compared); mismatched plates caught {report.MismatchesCaught} of {report.MismatchedPlates}; genuine plates flagged as mismatched {report.GenuineFlaggedMismatched}"));
        }

        output.WriteLine("country  plates  detected  recall   readable  exact  exact%   CER     ");
        foreach (var (country, s) in report.PerCountry)
        {
            output.WriteLine(string.Create(c, $"{country,-7}  {s.Plates,6}  {s.Detected,8}  {s.DetectionRecall,6:P1}  {s.Readable,8}  {s.Exact,5}  {s.ExactMatch,6:P1}  {s.Cer,6:P1}{(s.OutOfFormat ? "  (out of format)" : string.Empty)}{(s.HalvesRead > 0 ? $"  Arabic half read {s.HalvesRead}: agrees {s.HalvesAgree}, differs {s.HalvesDiffer}" : string.Empty)}"));
        }

        return 0;
    }
}
