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
        var onnxDetector = new OnnxPlateDetector(detectorPath, runtime);
        var owned = new List<IDisposable> { onnxDetector };
        try
        {
            IPipelinedPlateDetector detector = onnxDetector;
            OnnxPlateBoxRefiner? refiner = null;
            string refinerPath = string.IsNullOrEmpty(runtime.RefinerPath) ? string.Empty : OnnxRuntimeOptions.Resolve(runtime.RefinerPath);
            string models = $"{onnxDetector.Info.Name} {onnxDetector.Info.Version}{(runtime.MirroredDetectorLook ? " (and on the mirrored frame)" : string.Empty)}";
            List<EngineComponent> components = [EngineComponent.ForModelFile(onnxDetector.Info.Name, onnxDetector.Info.Version, detectorPath)];
            if (!string.IsNullOrEmpty(runtime.VerifierPath))
            {
                string verifierPath = OnnxRuntimeOptions.Resolve(runtime.VerifierPath);
                var verifier = new OnnxPlateVerifier(verifierPath, runtime);
                refiner = CreateRefiner(refinerPath, runtime, owned);
                var verified = new VerifiedPlateDetector(
                    onnxDetector, verifier, sureScore: onnxDetector.Threshold, secondLook: runtime.VerifyRedrawnBox ? refiner : null);
                owned[0] = verified; // it owns the detector and the verifier now
                onnxDetector.Threshold = verifier.Info.DetectorThreshold;
                string faint = string.Empty;
                if (runtime.FaintPeakScore > 0 && runtime.FaintPeakScore < verifier.Info.DetectorThreshold)
                {
                    onnxDetector.WidenFromScore = verifier.Info.DetectorThreshold;
                    onnxDetector.Threshold = (float)runtime.FaintPeakScore;
                    faint = $" (faint peaks from {runtime.FaintPeakScore:0.##} as plates of their own)";
                }

                detector = verified;
                string secondLook = runtime.VerifyRedrawnBox && refiner is not null ? " (refused sure boxes looked at again redrawn)" : string.Empty;
                models += $" from score {verifier.Info.DetectorThreshold:0.##}{faint} + {verifier.Info.Name} {verifier.Info.Version}{secondLook}";
                components.Add(EngineComponent.ForModelFile(verifier.Info.Name, verifier.Info.Version, verifierPath));
            }

            refiner ??= CreateRefiner(refinerPath, runtime, owned);
            if (refiner is not null)
            {
                var refined = new RefinedPlateDetector(detector, refiner, runtime.RefinerKeepsReadBox);
                owned.Remove(refiner);
                owned[0] = refined; // it owns the (verified) detector and the refiner (the verifier's second look borrows it)
                detector = refined;
                models += $" + {refiner.Info.Name} {refiner.Info.Version}{(runtime.RefinerKeepsReadBox ? " (read at the detector's box)" : string.Empty)}";
                components.Add(EngineComponent.ForModelFile(refiner.Info.Name, refiner.Info.Version, refinerPath));
            }

            var recogniser = new OnnxPlateReader(recogniserPath, runtime);
            owned.Add(recogniser);
            models += $" + {recogniser.Info.Name} {recogniser.Info.Version}";
            components.Add(EngineComponent.ForModelFile(recogniser.Info.Name, recogniser.Info.Version, recogniserPath));
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

            if (runtime.WidenSaudiReads)
            {
                reader = new WideningPlateReader(reader, runtime.WidenedMinConfidence);
                models += $" (wide Saudi boxes read again wider, kept from confidence {runtime.WidenedMinConfidence:0.##})";
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

    /// <summary>The box refiner at <paramref name="path"/> (<see cref="OnnxRuntimeOptions.RefinerPath"/> resolved), listed
    /// in <paramref name="owned"/> until a detector takes it over; null when none is configured (empty path).</summary>
    private static OnnxPlateBoxRefiner? CreateRefiner(string path, OnnxRuntimeOptions runtime, List<IDisposable> owned)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var refiner = new OnnxPlateBoxRefiner(path, runtime);
        owned.Add(refiner);
        return refiner;
    }

    public void Dispose()
    {
        (Detector as IDisposable)?.Dispose();
        (Reader as IDisposable)?.Dispose();
    }
}
