using BenchmarkDotNet.Attributes;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.MicroBench;

/// <summary>
/// The violation stage's frame ring keeping the labelled 1080p frame (it keeps every frame with a plate): shrunk by
/// the unit's default factor and JPEG-encoded at its default quality (<see cref="ViolationStageOptions"/>), from the
/// camera's I420 planes and from BGR.
/// </summary>
[MemoryDiagnoser]
public class EvidenceRingBenchmarks : IDisposable
{
    private readonly ViolationStageOptions _defaults = new();
    private LabelledPlate? _plate;
    private Frame? _i420;
    private EvidenceFrameRing? _ring;

    [GlobalSetup]
    public void Setup()
    {
        _plate = LabelledPlate.Load();
        _i420 = _plate.ToI420();
        _ring = new EvidenceFrameRing(_defaults.FrameRingCapacity, _defaults.FrameRingDownscale, _defaults.FrameRingJpegQuality);
    }

    /// <summary>The camera's I420 frame: planes box-averaged, encoded from YUV.</summary>
    [Benchmark]
    public long OfferI420()
    {
        _ring!.Offer(_i420!, 1);
        return _ring.Kept;
    }

    /// <summary>A BGR frame: box-averaged, encoded from BGR.</summary>
    [Benchmark]
    public long OfferBgr()
    {
        _ring!.Offer(_plate!.Frame, 1);
        return _ring.Kept;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var frame in new[] { _plate?.Frame, _i420 })
        {
            frame?.Dispose();
        }

        (_plate, _i420) = (null, null);
        GC.SuppressFinalize(this);
    }
}
