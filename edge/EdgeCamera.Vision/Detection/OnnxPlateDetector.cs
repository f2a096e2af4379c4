using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned plate detector (models/plate-detector.onnx): letterboxes the frame straight into a reused input
/// tensor, runs ONNX Runtime into reused output tensors and decodes the heatmap. After the first frame of a size
/// nothing is allocated per frame (bench/EdgeCamera.MicroBench proves it). Two input slots (letterbox, tensor and
/// binding each), so the next frame can be letterboxed while the model runs (<see cref="IPipelinedPlateDetector"/>);
/// otherwise not thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateDetector : IPipelinedPlateDetector, IDisposable
{
    private const int Slots = 2;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly Letterbox[] _letterbox = new Letterbox[Slots];
    private readonly HeatmapDecoder _decoder;
    private readonly OrtValue[] _input = new OrtValue[Slots];
    private readonly OrtValue _heatmap;
    private readonly OrtValue _boxes;
    private readonly OrtIoBinding[] _binding = new OrtIoBinding[Slots];

    // The mirrored second look (OnnxRuntimeOptions.MirroredDetectorLook); null when it is off.
    private readonly float[]? _mirrored;
    private readonly OrtValue? _mirroredInput;
    private readonly OrtIoBinding? _mirroredBinding;
    private readonly PlateCandidate[] _mirroredFound = [];

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
        _decoder = new HeatmapDecoder(gridWidth, gridHeight, Info.StridePx);
        _heatmap = OrtValue.CreateTensorValueFromMemory(new float[gridWidth * gridHeight], [1, 1, gridHeight, gridWidth]);
        _boxes = OrtValue.CreateTensorValueFromMemory(new float[4 * gridWidth * gridHeight], [1, 4, gridHeight, gridWidth]);
        for (int slot = 0; slot < Slots; slot++)
        {
            _letterbox[slot] = new Letterbox(Info.InputWidthPx, Info.InputHeightPx, Info.PadValue);
            _input[slot] = OrtValue.CreateTensorValueFromMemory(_letterbox[slot].Tensor, [1, 3, Info.InputHeightPx, Info.InputWidthPx]);

            // Bound once: RunWithBinding takes no managed arrays per call (Run with name arrays allocated 240 B per
            // frame, measured with bench/EdgeCamera.MicroBench --allocations).
            _binding[slot] = _session.CreateIoBinding();
            _binding[slot].BindInput(Info.InputName, _input[slot]);
            _binding[slot].BindOutput(Info.HeatmapOutput, _heatmap);
            _binding[slot].BindOutput(Info.BoxOutput, _boxes);
        }

        if (runtime.MirroredDetectorLook)
        {
            _mirrored = new float[_letterbox[0].Tensor.Length];
            _mirroredInput = OrtValue.CreateTensorValueFromMemory(_mirrored, [1, 3, Info.InputHeightPx, Info.InputWidthPx]);
            _mirroredBinding = _session.CreateIoBinding();
            _mirroredBinding.BindInput(Info.InputName, _mirroredInput);
            _mirroredBinding.BindOutput(Info.HeatmapOutput, _heatmap);
            _mirroredBinding.BindOutput(Info.BoxOutput, _boxes);
            _mirroredFound = new PlateCandidate[MirroredLookMerger.MaxCandidates];
        }

        Threshold = Info.Threshold;
    }

    public DetectorModelInfo Info { get; }

    /// <summary>Centre score a plate needs; the model's validated threshold unless changed.</summary>
    public float Threshold { get; set; }

    /// <summary>The score from which a peak may widen a better box of the same plate; peaks between
    /// <see cref="Threshold"/> and this are kept only as plates of their own. 0 (the default): every kept peak may.</summary>
    public float WidenFromScore
    {
        get => _decoder.WidenFromScore;
        set => _decoder.WidenFromScore = value;
    }

    public int Detect(Frame frame, Span<PlateCandidate> found)
    {
        Prepare(frame, 0);
        return DetectPrepared(frame, 0, found);
    }

    public void Prepare(Frame frame, int slot)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _letterbox[slot].Fill(frame);
    }

    public int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _session.RunWithBinding(_runOptions, _binding[slot]);
        int count = _decoder.Decode(
            _heatmap.GetTensorDataAsSpan<float>(), _boxes.GetTensorDataAsSpan<float>(), Threshold, _letterbox[slot].Scale,
            frame.Width, frame.Height, found);
        if (_mirroredBinding is null)
        {
            return count;
        }

        _letterbox[slot].MirrorInto(_mirrored!);
        _session.RunWithBinding(_runOptions, _mirroredBinding);
        int mirrored = _decoder.Decode(
            _heatmap.GetTensorDataAsSpan<float>(), _boxes.GetTensorDataAsSpan<float>(), Threshold, _letterbox[slot].Scale,
            frame.Width, frame.Height, _mirroredFound);
        return MirroredLookMerger.Merge(found, count, _mirroredFound.AsSpan(0, mirrored), frame.Width);
    }

    public void Dispose()
    {
        for (int slot = 0; slot < Slots; slot++)
        {
            _binding[slot].Dispose();
            _input[slot].Dispose();
        }

        _mirroredBinding?.Dispose();
        _mirroredInput?.Dispose();
        _heatmap.Dispose();
        _boxes.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
