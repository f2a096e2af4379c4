using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned plate box refiner (models/plate-refiner.onnx): samples the region around a box grey into a reused
/// tensor (the recogniser's sampler, so the same pixels the training crops had) and maps the plate edges the model
/// gives, as fractions of that region, back to frame pixels. Nothing is allocated per box after the first. Not
/// thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateBoxRefiner : IPlateBoxRefiner, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly GreyCropSampler _sampler;
    private readonly float[] _region;
    private readonly float[] _edges = new float[4];
    private readonly OrtValue _input;
    private readonly OrtValue _output;

    public OnnxPlateBoxRefiner(string onnxPath, OnnxRuntimeOptions? runtime = null)
    {
        runtime ??= new OnnxRuntimeOptions();
        Info = RefinerModelInfo.Load(Path.ChangeExtension(onnxPath, ".json"));
        using (var sessionOptions = runtime.CreateSessionOptions())
        {
            _session = new InferenceSession(onnxPath, sessionOptions);
        }

        _sampler = new GreyCropSampler(Info.InputWidthPx, Info.InputHeightPx);
        _region = new float[Info.InputWidthPx * Info.InputHeightPx];
        _input = OrtValue.CreateTensorValueFromMemory(_region, [1, 1, Info.InputHeightPx, Info.InputWidthPx]);
        _output = OrtValue.CreateTensorValueFromMemory(_edges, [1, 4]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(Info.InputName, _input);
        _binding.BindOutput(Info.EdgesOutput, _output);
    }

    public RefinerModelInfo Info { get; }

    public bool TryRefine(Frame frame, PixelBox box, out PixelBox refined)
    {
        ArgumentNullException.ThrowIfNull(frame);
        refined = box;
        if (!RefinerRegion.TryGet(frame.Width, frame.Height, box, Info.RegionX, Info.RegionY, out var region))
        {
            return false;
        }

        _sampler.Sample(frame, region.X0, region.Y0, region.X1, region.Y1, _region);
        _session.RunWithBinding(_runOptions, _binding);
        return region.TryMapBack(_edges, frame.Width, frame.Height, out refined) || Unchanged(box, out refined);
    }

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static bool Unchanged(PixelBox box, out PixelBox refined)
    {
        refined = box;
        return false;
    }
}
