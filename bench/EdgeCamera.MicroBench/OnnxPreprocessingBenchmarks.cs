using BenchmarkDotNet.Attributes;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.MicroBench;

/// <summary>
/// The ONNX path's preprocessing on the labelled 1080p frame, sized by the models' JSON files: the detector's
/// letterbox (BGR → planar RGB floats, area-downscaled) and the recogniser's grey crop of the plate box.
/// </summary>
[MemoryDiagnoser]
public class OnnxPreprocessingBenchmarks : IDisposable
{
    private LabelledPlate? _plate;
    private Frame? _i420;
    private Letterbox? _letterbox;
    private GreyCropSampler? _sampler;
    private float[] _crop = [];
    private PixelBox _cropBox;

    [GlobalSetup]
    public void Setup()
    {
        var runtime = BenchModels.Runtime(1, Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL);
        var detector = DetectorModelInfo.Load(Path.ChangeExtension(runtime.DetectorPath, ".json"));
        var recogniser = RecogniserModelInfo.Load(Path.ChangeExtension(runtime.RecogniserPath, ".json"));
        _plate = LabelledPlate.Load();
        _i420 = _plate.ToI420();
        _letterbox = new Letterbox(detector.InputWidthPx, detector.InputHeightPx, detector.PadValue);
        _sampler = new GreyCropSampler(recogniser.InputWidthPx, recogniser.InputHeightPx);
        _crop = new float[recogniser.InputWidthPx * recogniser.InputHeightPx];
        _cropBox = _plate.Box.Inflate(recogniser.Margin, recogniser.Margin).Clamp(_plate.Frame.Width, _plate.Frame.Height); // as OnnxPlateReader does
    }

    /// <summary>The detector's input: the 1080p frame letterboxed into its reused tensor.</summary>
    [Benchmark]
    public double LetterboxFill()
    {
        _letterbox!.Fill(_plate!.Frame);
        return _letterbox.Scale;
    }

    /// <summary>The same frame as the camera delivers it (I420): planes resampled, RGB only at the tensor's pixels.</summary>
    [Benchmark]
    public double LetterboxFillI420()
    {
        _letterbox!.Fill(_i420!);
        return _letterbox.Scale;
    }

    /// <summary>The plate box of the I420 frame: grey from the luma plane.</summary>
    [Benchmark]
    public float GreyCropSampleI420()
    {
        _sampler!.Sample(_i420!, _cropBox, _crop);
        return _crop[0];
    }

    /// <summary>The recogniser's input: the plate box (with the model's margin) sampled grey into its reused buffer.</summary>
    [Benchmark]
    public float GreyCropSample()
    {
        _sampler!.Sample(_plate!.Frame, _cropBox, _crop);
        return _crop[0];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _plate?.Frame.Dispose();
        _i420?.Dispose();
        _plate = null;
        _i420 = null;
        GC.SuppressFinalize(this);
    }
}
