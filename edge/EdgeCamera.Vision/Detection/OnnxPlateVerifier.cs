using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned plate verifier (models/plate-verifier.onnx): samples the box the way the recogniser does (grey,
/// widened by the model's margin) into a reused tensor and runs ONNX Runtime into a reused output. Nothing is
/// allocated per box after the first. Not thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateVerifier : IPlateVerifier, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly GreyCropSampler _sampler;
    private readonly float[] _crop;
    private readonly float[] _plate = new float[1];
    private readonly OrtValue _input;
    private readonly OrtValue _output;

    public OnnxPlateVerifier(string onnxPath, OnnxRuntimeOptions? runtime = null)
    {
        runtime ??= new OnnxRuntimeOptions();
        Info = VerifierModelInfo.Load(Path.ChangeExtension(onnxPath, ".json"));
        using (var sessionOptions = runtime.CreateSessionOptions())
        {
            _session = new InferenceSession(onnxPath, sessionOptions);
        }

        _sampler = new GreyCropSampler(Info.InputWidthPx, Info.InputHeightPx);
        _crop = new float[Info.InputWidthPx * Info.InputHeightPx];
        _input = OrtValue.CreateTensorValueFromMemory(_crop, [1, 1, Info.InputHeightPx, Info.InputWidthPx]);
        _output = OrtValue.CreateTensorValueFromMemory(_plate, [1, 1]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(Info.InputName, _input);
        _binding.BindOutput(Info.PlateOutput, _output);
    }

    public VerifierModelInfo Info { get; }

    public float Threshold => Info.Threshold;

    public float FaintThreshold => Info.FaintThreshold;

    public bool TryScore(Frame frame, PixelBox box, out float plateProbability)
    {
        ArgumentNullException.ThrowIfNull(frame);
        plateProbability = 0;
        if (!_sampler.TrySample(frame, box, Info.Margin, _crop))
        {
            return false;
        }

        _session.RunWithBinding(_runOptions, _binding);
        plateProbability = _plate[0];
        return true;
    }

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
