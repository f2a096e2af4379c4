using System.ComponentModel.DataAnnotations;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision.Onnx;

/// <summary>How ONNX Runtime runs the plate models (config section "Models"): files and threads.</summary>
public sealed class OnnxRuntimeOptions
{
    public const string Section = "Models";

    /// <summary>The detector's ONNX file; its metadata is the same path with ".json".</summary>
    [Required]
    public string DetectorPath { get; set; } = "models/plate-detector.onnx";

    /// <summary>The recogniser's ONNX file; its metadata is the same path with ".json".</summary>
    [Required]
    public string RecogniserPath { get; set; } = "models/plate-recogniser.onnx";

    /// <summary>The plate verifier, which looks again at each of the detector's boxes; the detector then runs at the
    /// verifier's lower <c>detector_threshold</c> (<see cref="VerifiedPlateDetector"/>). Empty: the detector alone at
    /// its own threshold.</summary>
    public string VerifierPath { get; set; } = "models/plate-verifier.onnx";

    /// <summary>With a verifier and a refiner: a box the detector is sure of that the verifier refuses is redrawn by
    /// the refiner and kept when the verifier passes the redrawn box at its faint threshold
    /// (<see cref="VerifiedPlateDetector"/>). With plate-detector 6 and plate-verifier 1: recall on the 1920×1080 test
    /// scenes 98.77 → 98.96 % (5 plates more, most of them large; 1 false box more), no change on the real held-out
    /// quarters (models/cards/plate-verifier.md, "A second look at the redrawn box").</summary>
    public bool VerifyRedrawnBox { get; set; } = true;

    /// <summary>The plate box refiner, which redraws each kept box around the whole plate
    /// (<see cref="RefinedPlateDetector"/>; models/cards/plate-refiner.md). Empty: the detector's boxes as they are.</summary>
    public string RefinerPath { get; set; } = "models/plate-refiner.onnx";

    /// <summary>With a refiner: read each plate at the detector's box and let the refined box say only where the plate
    /// is (tracking, evidence, scoring), so reads stay what they are without the refiner. False: read at the refined
    /// box too, which cost real Saudi reads (models/cards/plate-refiner.md).</summary>
    public bool RefinerKeepsReadBox { get; set; } = true;

    /// <summary>A second recogniser, trained apart, asked below <see cref="SecondRecogniserBelow"/>; when the two read
    /// different text the more confident read wins (<see cref="BestOfTwoPlateReader"/>). Empty: the first recogniser
    /// alone.</summary>
    public string SecondRecogniserPath { get; set; } = "models/plate-recogniser-b.onnx";

    /// <summary>Below this confidence of the first recogniser the second reads the plate too. 0.9: the exact reads of
    /// asking it always (1,990 against 1,991 of 2,532 synthetic test plates) with 30 % fewer second reads
    /// (models/cards/plate-recogniser.md, "Two recognisers").</summary>
    [Range(0.0, 1.0)]
    public double SecondRecogniserBelow { get; set; } = 0.9;

    /// <summary>With a verifier: the detector also keeps centre peaks from this score, below the verifier's
    /// <c>detector_threshold</c>, as plates of their own only (they widen no box found from that threshold), and the
    /// verifier must pass them at its faint threshold (<see cref="VerifiedPlateDetector"/>). 0: off, the detector
    /// keeps peaks from <c>detector_threshold</c> only. 0.15: with plate-detector 6 one more real US plate of 56 found
    /// (held-out quarter 94.6 → 96.4 %), no synthetic validation plate lost or box loosened, a few more boxes for the
    /// verifier (models/cards/plate-detector.md, "Faint peaks").</summary>
    [Range(0.0, 1.0)]
    public double FaintPeakScore { get; set; } = 0.15;

    /// <summary>Run the detector a second time on the frame mirrored left to right and add the plates only that look
    /// finds; a plate both looks find keeps the first look's box and the higher score (<see cref="MirroredLookMerger"/>).
    /// Costs a second detector run per frame (models/cards/plate-detector.md, "A mirrored second look").</summary>
    public bool MirroredDetectorLook { get; set; }

    /// <summary>Read a Saudi plate again in boxes grown sideways and keep a longer read that holds the first
    /// (<see cref="WideningPlateReader"/>): the long 520×110 mm plates whose box stops at the emblem strip.</summary>
    public bool WidenSaudiReads { get; set; } = true;

    /// <summary>The confidence a longer read from a wider box needs (<see cref="WidenSaudiReads"/>).</summary>
    [Range(0.0, 1.0)]
    public double WidenedMinConfidence { get; set; } = 0.5;

    /// <summary>Threads inside one operator. 1: the detect and read stages each run a model on the unit's 2 cores; a
    /// MicroBench ShortRun on a loaded machine (2026-11-25) favoured 1 over 2 — not yet measured on a quiet one.</summary>
    [Range(1, 16)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>ORT graph optimisation: Basic, Extended or All (bench/README.md compares them).</summary>
    public GraphOptimizationLevel GraphOptimization { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Below this recogniser confidence (product of slot confidences) Tesseract is asked for a second opinion.</summary>
    [Range(0.0, 1.0)]
    public double SecondOpinionBelow { get; set; } = 0.5;

    /// <summary>Points the model paths at <paramref name="folder"/>: plate-detector.onnx, plate-recogniser.onnx and,
    /// when the folder has them, plate-verifier.onnx, plate-refiner.onnx and plate-recogniser-b.onnx (each beside its
    /// .json); a folder of older models has none, so the detector then runs alone and the first recogniser reads alone.</summary>
    public void UseModelsFolder(string folder)
    {
        string dir = Path.GetFullPath(folder);
        DetectorPath = Path.Combine(dir, "plate-detector.onnx");
        RecogniserPath = Path.Combine(dir, "plate-recogniser.onnx");
        VerifierPath = IfPresent(Path.Combine(dir, "plate-verifier.onnx"));
        RefinerPath = IfPresent(Path.Combine(dir, "plate-refiner.onnx"));
        SecondRecogniserPath = IfPresent(Path.Combine(dir, "plate-recogniser-b.onnx"));
    }

    private static string IfPresent(string path) => File.Exists(path) ? path : string.Empty;

    /// <summary>Resolves a configured path against the application directory when it is relative.</summary>
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    internal SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimization,
        };
        return options;
    }
}
