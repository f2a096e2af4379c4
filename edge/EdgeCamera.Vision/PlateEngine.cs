using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision;

/// <summary>Which plate finder and reader the edge runs.</summary>
public enum PlateEngineKind
{
    /// <summary>The learned ONNX detector and recogniser (models/).</summary>
    Onnx,

    /// <summary>
    /// The ONNX models with Tesseract as second opinion below a confidence. Kept for measurement only: on real-dev
    /// it overruled the model 0 times on Saudi plates and cost 3 exact points on US plates at 5× the time
    /// (models/cards/plate-recogniser.md), so the product runs <see cref="Onnx"/>.
    /// </summary>
    OnnxTesseract,

    /// <summary>The classic image-processing plate finder and Tesseract: the baseline, no model files needed.</summary>
    Classic,
}

/// <summary>A plate finder and reader that belong together; disposes both.</summary>
public sealed class PlateEngine(IPlateDetector detector, IPlateReader reader, string description, IReadOnlyList<EngineComponent> components) : IDisposable
{
    /// <summary>The classic engine's parts: no model files.</summary>
    private static readonly EngineComponent[] ClassicComponents = [new("plate-detector", "classic"), new("plate-reader", "tesseract-5")];

    public IPlateDetector Detector { get; } = detector;

    public IPlateReader Reader { get; } = reader;

    /// <summary>For logs and the diagnostics page, e.g. "plate-detector 1.0 + plate-recogniser 1.0 + Tesseract 5 on low confidence".</summary>
    public string Description { get; } = description;

    /// <summary>The models (and engines) behind every read, as evidence packages name them.</summary>
    public IReadOnlyList<EngineComponent> Components { get; } = components;

    public static PlateEngine Create(PlateEngineKind kind, OnnxRuntimeOptions runtime, ClassicDetectorOptions? classic = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (kind == PlateEngineKind.Classic)
        {
            return new PlateEngine(
                new ClassicPlateDetector(classic ?? new ClassicDetectorOptions()), new TesseractPlateReader(),
                "classic plate finder + Tesseract 5 (no ONNX model)", ClassicComponents);
        }

        string detectorPath = OnnxRuntimeOptions.Resolve(runtime.DetectorPath);
        string recogniserPath = OnnxRuntimeOptions.Resolve(runtime.RecogniserPath);
        var detector = new OnnxPlateDetector(detectorPath, runtime);
        var owned = new List<IDisposable> { detector };
        try
        {
            var recogniser = new OnnxPlateReader(recogniserPath, runtime);
            owned.Add(recogniser);
            string models = $"{detector.Info.Name} {detector.Info.Version} + {recogniser.Info.Name} {recogniser.Info.Version}";
            List<EngineComponent> components =
            [
                EngineComponent.ForModelFile(detector.Info.Name, detector.Info.Version, detectorPath),
                EngineComponent.ForModelFile(recogniser.Info.Name, recogniser.Info.Version, recogniserPath),
            ];
            IPlateReader reader = recogniser;
            if (!string.IsNullOrEmpty(runtime.SecondRecogniserPath))
            {
                string secondPath = OnnxRuntimeOptions.Resolve(runtime.SecondRecogniserPath);
                var second = new OnnxPlateReader(secondPath, runtime);
                owned.Add(second);
                reader = new BestOfTwoPlateReader(recogniser, second, runtime.SecondRecogniserBelow);
                models += $" (+ {second.Info.Name} {second.Info.Version} below confidence {runtime.SecondRecogniserBelow:0.##})";
                components.Add(EngineComponent.ForModelFile(second.Info.Name, second.Info.Version, secondPath));
            }

            return kind == PlateEngineKind.Onnx
                ? new PlateEngine(detector, reader, models, components)
                : new PlateEngine(
                    detector, new SecondOpinionPlateReader(reader, new TesseractPlateReader(), runtime.SecondOpinionBelow),
                    $"{models} + Tesseract 5 below confidence {runtime.SecondOpinionBelow:0.##}",
                    [.. components, new EngineComponent("second-opinion-reader", "tesseract-5")]);
        }
        catch
        {
            foreach (var part in owned)
            {
                part.Dispose();
            }

            throw;
        }
    }

    public void Dispose()
    {
        (Detector as IDisposable)?.Dispose();
        (Reader as IDisposable)?.Dispose();
    }
}
