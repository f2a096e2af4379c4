using BenchmarkDotNet.Attributes;
using EdgeCamera.Edge.Commands;
using EdgeCamera.Edge.Evaluation;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.MicroBench;

/// <summary>
/// The frame path's parts on a real 1080p frame of the simulated camera's clip (seed 1, the frame where vehicle 1's
/// plate is widest, as hardware/simcam writes it to frames/v1.png with its labelled box).
/// </summary>
[MemoryDiagnoser]
public class VisionBenchmarks : IDisposable
{
    private readonly PlateCandidate[] _candidates = new PlateCandidate[8]; // PipelineOptions.MaxCandidatesPerFrame
    private readonly ClassicDetectorOptions _detectorOptions = new();
    private Frame? _frame;
    private PixelBox _plate;
    private ClassicPlateDetector? _detector;
    private TesseractPlateReader? _reader;
    private GrayImage? _downscaled;
    private GrayImage? _crop;
    private int _factor;

    [GlobalSetup]
    public void Setup()
    {
        var clipDir = SimulatedCamera.RenderAsync(1).GetAwaiter().GetResult();
        if (!LabelsFile.TryLoad(Path.Combine(clipDir, "labels.tsv"), out var labels, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var first = labels[0];
        if (!ImageFrames.TryLoad(first.ImagePath, out var loaded, out error) || loaded is null)
        {
            throw new InvalidOperationException(error);
        }

        _frame = loaded;
        _plate = first.Box;
        _factor = Math.Max(1, loaded.Width / _detectorOptions.WorkingWidthPx); // as ClassicPlateDetector.Detect does
        _detector = new ClassicPlateDetector(_detectorOptions);
        _reader = new TesseractPlateReader();
        _downscaled = new GrayImage();
        _crop = new GrayImage();
        if (!_reader.TryRead(loaded, _plate, out var text))
        {
            Console.WriteLine($"note: the reader reads nothing on {first.ImagePath} (label {first.Plate})");
        }
        else
        {
            Console.WriteLine($"note: the reader reads {text.Text} on {first.ImagePath} (label {first.Plate})");
        }
    }

    /// <summary>Preprocessing for the detector: BGR → luma, box-downscaled 1920 → 960 wide.</summary>
    [Benchmark]
    public int GreyDownscale()
    {
        GrayConverter.Downscale(_frame!, _factor, _downscaled!);
        return _downscaled!.Width;
    }

    /// <summary>Preprocessing for the reader: full-resolution luma of the plate box.</summary>
    [Benchmark]
    public int GreyPlateCrop()
    {
        GrayConverter.Crop(_frame!, _plate, _crop!);
        return _crop!.Width;
    }

    /// <summary>The classic detector on the whole 1080p frame.</summary>
    [Benchmark]
    public int Detect() => _detector!.Detect(_frame!, _candidates);

    /// <summary>The Tesseract reader on the labelled plate box (crop, row finding, line rendering, 1–3 Tesseract calls).</summary>
    [Benchmark]
    public bool TryRead() => _reader!.TryRead(_frame!, _plate, out _);

    [GlobalCleanup]
    public void Dispose()
    {
        _detector?.Dispose();
        _reader?.Dispose();
        _downscaled?.Dispose();
        _crop?.Dispose();
        _frame?.Dispose();
        _detector = null;
        _reader = null;
        _downscaled = null;
        _crop = null;
        _frame = null;
        GC.SuppressFinalize(this);
    }
}
