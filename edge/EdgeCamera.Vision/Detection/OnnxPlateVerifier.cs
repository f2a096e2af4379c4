using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned plate verifier (models/plate-verifier.onnx): samples the box the way the recogniser does (grey,
/// widened by the model's margin) into a reused tensor and runs ONNX Runtime into a reused output. Nothing is
/// allocated per box after the first. Not thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateVerifier : IPlateVerifier, IDisposable
{
    private readonly GreyCropSession _model;
    private readonly GreyCropSampler _sampler;

    public OnnxPlateVerifier(string onnxPath, OnnxRuntimeOptions? runtime = null)
    {
        Info = VerifierModelInfo.Load(Path.ChangeExtension(onnxPath, ".json"));
        _model = new GreyCropSession(onnxPath, runtime ?? new OnnxRuntimeOptions(), Info.InputName, Info.InputWidthPx, Info.InputHeightPx, Info.PlateOutput, outputLength: 1);
        _sampler = new GreyCropSampler(Info.InputWidthPx, Info.InputHeightPx);
    }

    public VerifierModelInfo Info { get; }

    public float Threshold => Info.Threshold;

    public float FaintThreshold => Info.FaintThreshold;

    public bool TryScore(Frame frame, PixelBox box, out float plateProbability)
    {
        ArgumentNullException.ThrowIfNull(frame);
        plateProbability = 0;
        if (!_sampler.TrySample(frame, box, Info.Margin, _model.Input))
        {
            return false;
        }

        plateProbability = _model.Run()[0];
        return true;
    }

    public void Dispose() => _model.Dispose();
}
