using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned plate detector (models/plate-detector.onnx): letterboxes the frame straight into a reused input
/// tensor, runs ONNX Runtime into reused output tensors and decodes the heatmap. After the first frame of a size
/// nothing is allocated per frame (bench/EdgeCamera.MicroBench proves it). Not thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateDetector : IPlateDetector, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly Letterbox _letterbox;
    private readonly HeatmapDecoder _decoder;
    private readonly OrtValue _input;
    private readonly OrtValue _heatmap;
    private readonly OrtValue _boxes;
    private readonly OrtIoBinding _binding;

    public OnnxPlateDetector(string onnxPath, OnnxRuntimeOptions? runtime = null)
    {
        runtime ??= new OnnxRuntimeOptions();
        Info = DetectorModelInfo.Load(Path.ChangeExtension(onnxPath, ".json"));
        using (var sessionOptions = runtime.CreateSessionOptions())
        {
            _session = new InferenceSession(onnxPath, sessionOptions);
        }

        int gridWidth = Info.InputWidthPx / Info.StridePx;
        int gridHeight = Info.InputHeightPx / Info.StridePx;
        _letterbox = new Letterbox(Info.InputWidthPx, Info.InputHeightPx, Info.PadValue);
        _decoder = new HeatmapDecoder(gridWidth, gridHeight, Info.StridePx);
        _input = OrtValue.CreateTensorValueFromMemory(_letterbox.Tensor, [1, 3, Info.InputHeightPx, Info.InputWidthPx]);
        _heatmap = OrtValue.CreateTensorValueFromMemory(new float[gridWidth * gridHeight], [1, 1, gridHeight, gridWidth]);
        _boxes = OrtValue.CreateTensorValueFromMemory(new float[4 * gridWidth * gridHeight], [1, 4, gridHeight, gridWidth]);

        // Bound once: RunWithBinding takes no managed arrays per call (Run with name arrays allocated 240 B per
        // frame, measured with bench/EdgeCamera.MicroBench --allocations).
        _binding = _session.CreateIoBinding();
        _binding.BindInput(Info.InputName, _input);
        _binding.BindOutput(Info.HeatmapOutput, _heatmap);
        _binding.BindOutput(Info.BoxOutput, _boxes);
        Threshold = Info.Threshold;
    }

    public DetectorModelInfo Info { get; }

    /// <summary>Centre score a plate needs; the model's validated threshold unless changed.</summary>
    public float Threshold { get; set; }

    public int Detect(Frame frame, Span<PlateCandidate> found)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _letterbox.Fill(frame);
        _session.RunWithBinding(_runOptions, _binding);
        return _decoder.Decode(
            _heatmap.GetTensorDataAsSpan<float>(), _boxes.GetTensorDataAsSpan<float>(), Threshold, _letterbox.Scale,
            frame.Width, frame.Height, found);
    }

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _heatmap.Dispose();
        _boxes.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
