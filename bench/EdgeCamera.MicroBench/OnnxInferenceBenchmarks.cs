using BenchmarkDotNet.Attributes;
using EdgeCamera.Vision;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.MicroBench;

/// <summary>
/// The ONNX detector on the whole labelled 1080p frame (letterbox, inference, heatmap decoding) and the ONNX reader on
/// its labelled plate box (crop, inference, slot decoding), under each ORT session setting the unit could choose:
/// threads inside an operator and the graph optimisation level (OnnxRuntimeOptions).
/// </summary>
[MemoryDiagnoser]
public class OnnxInferenceBenchmarks : IDisposable
{
    private readonly PlateCandidate[] _candidates = new PlateCandidate[8]; // PipelineOptions.MaxCandidatesPerFrame
    private LabelledPlate? _plate;
    private OnnxPlateDetector? _detector;
    private OnnxPlateReader? _reader;

    [Params(1, 2)]
    public int IntraOpThreads { get; set; }

    [Params(GraphOptimizationLevel.ORT_ENABLE_BASIC, GraphOptimizationLevel.ORT_ENABLE_ALL)]
    public GraphOptimizationLevel GraphOptimization { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var runtime = BenchModels.Runtime(IntraOpThreads, GraphOptimization);
        _plate = LabelledPlate.Load();
        _detector = new OnnxPlateDetector(runtime.DetectorPath, runtime);
        _reader = new OnnxPlateReader(runtime.RecogniserPath, runtime);
        var found = _detector.Detect(_plate.Frame, _candidates);
        var read = _reader.TryRead(_plate.Frame, _plate.Box, out var text) ? text.Text : "nothing";
        Console.WriteLine($"note: {_detector.Info.Name} {_detector.Info.Version} finds {found} plate(s); {_reader.Info.Name} {_reader.Info.Version} reads {read} on {_plate.ImagePath} (label {_plate.Plate})");
    }

    /// <summary>The detector on the 1080p frame: letterbox into the reused tensor, ORT run, heatmap decoding.</summary>
    [Benchmark]
    public int Detect() => _detector!.Detect(_plate!.Frame, _candidates);

    /// <summary>The reader on the labelled plate box: grey crop into the reused tensor, ORT run, slot decoding.</summary>
    [Benchmark]
    public bool TryRead() => _reader!.TryRead(_plate!.Frame, _plate.Box, out _);

    [GlobalCleanup]
    public void Dispose()
    {
        _detector?.Dispose();
        _reader?.Dispose();
        _plate?.Frame.Dispose();
        _detector = null;
        _reader = null;
        _plate = null;
        GC.SuppressFinalize(this);
    }
}
