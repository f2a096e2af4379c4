using EdgeCamera.Bench.Haar;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Bench.Engines;

/// <summary>
/// One plate finder and reader as the edge worker takes them (<see cref="IPlateDetector"/>, <see cref="IPlateReader"/>).
/// The unit's engines come from <see cref="PlateEngine.Create"/> with default options, as edge.settings.json leaves
/// them; the Haar baseline is the bench's own detector with the unit's Tesseract reader. Disposes what it created.
/// </summary>
internal sealed class BenchEngine : IDisposable
{
    private readonly IDisposable _owned;

    private BenchEngine(BenchEngineKind kind, IPlateDetector detector, IPlateReader reader, string description, IDisposable owned)
    {
        Kind = kind;
        Detector = detector;
        Reader = reader;
        Description = description;
        _owned = owned;
    }

    public BenchEngineKind Kind { get; }

    public string Name => BenchEngineNames.Of(Kind);

    public IPlateDetector Detector { get; }

    public IPlateReader Reader { get; }

    public string Description { get; }

    /// <summary>How often the product's reader asked Tesseract for a second opinion; null for the other engines.</summary>
    public long? SecondOpinionsAsked => (Reader as SecondOpinionPlateReader)?.Asked;

    /// <summary>The unit's ONNX runtime options with the model files taken from <paramref name="modelsDir"/>.</summary>
    public static OnnxRuntimeOptions RuntimeFor(string modelsDir)
    {
        var runtime = new OnnxRuntimeOptions();
        runtime.UseModelsFolder(modelsDir);
        return runtime;
    }

    public static BenchEngine Create(BenchEngineKind kind, string modelsDir)
    {
        switch (kind)
        {
            case BenchEngineKind.Haar:
            {
                // Tesseract first: libOpenCvSharpExtern exports its own static libpng, and Debian's libpng16 (which
                // leptonica uses) loaded after it, as a dependency of OpenCV's GTK, binds its calls to that copy;
                // Tesseract then crashes ("libpng error: Invalid IHDR data", "double free or corruption"). Loaded
                // first, libpng16 keeps its own symbols (measured: `--engines haar` crashed the other way round).
                var reader = new TesseractPlateReader();
                try
                {
                    var detector = new HaarPlateDetector(new HaarDetectorOptions());
                    var engine = new PlateEngine(detector, reader, $"OpenCV Haar cascade ({detector.CascadeName}) + Tesseract 5", [new("plate-detector", $"haar {detector.CascadeName}"), new("plate-reader", "tesseract-5")]);
                    return new BenchEngine(kind, engine.Detector, engine.Reader, engine.Description, engine);
                }
                catch
                {
                    reader.Dispose();
                    throw;
                }
            }

            default:
            {
                var plateKind = kind switch
                {
                    BenchEngineKind.Onnx => PlateEngineKind.Onnx,
                    BenchEngineKind.OnnxTesseract => PlateEngineKind.OnnxTesseract,
                    _ => PlateEngineKind.Classic,
                };
                var engine = PlateEngine.Create(plateKind, RuntimeFor(modelsDir));
                return new BenchEngine(kind, engine.Detector, engine.Reader, engine.Description, engine);
            }
        }
    }

    public void Dispose() => _owned.Dispose();
}
