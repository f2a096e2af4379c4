using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision;

/// <summary>
/// A learned plate box refiner (models/train.py --stage refiner; CONTRACT.md): samples the region around a box grey
/// into a reused tensor (the recogniser's sampler, so the same pixels the training crops had) and maps the plate
/// edges the model gives, as fractions of that region, back to frame pixels. Nothing is allocated per box after the
/// first. Not thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateBoxRefiner : IPlateBoxRefiner, IDisposable
{
    private readonly GreyCropSession _model;
    private readonly GreyCropSampler _sampler;

    public OnnxPlateBoxRefiner(string onnxPath, OnnxRuntimeOptions? runtime = null)
    {
        Info = RefinerModelInfo.Load(Path.ChangeExtension(onnxPath, ".json"));
        _model = new GreyCropSession(onnxPath, runtime ?? new OnnxRuntimeOptions(), Info.InputName, Info.InputWidthPx, Info.InputHeightPx, Info.EdgesOutput, outputLength: 4);
        _sampler = new GreyCropSampler(Info.InputWidthPx, Info.InputHeightPx);
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

        _sampler.Sample(frame, region.X0, region.Y0, region.X1, region.Y1, _model.Input);
        if (!region.TryMapBack(_model.Run(), frame.Width, frame.Height, out var redrawn))
        {
            return false;
        }

        refined = redrawn;
        return true;
    }

    public void Dispose() => _model.Dispose();
}
