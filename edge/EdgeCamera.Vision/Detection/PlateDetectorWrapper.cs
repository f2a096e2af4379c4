using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// A pipelined detector that runs another and then changes what it found (<see cref="VerifiedPlateDetector"/> drops
/// boxes, <see cref="RefinedPlateDetector"/> redraws them): preparing a slot is the inner detector's; a subclass
/// says what happens after the inner detector has run. Owns and disposes the inner detector.
/// </summary>
public abstract class PlateDetectorWrapper(IPipelinedPlateDetector detector) : IPipelinedPlateDetector, IDisposable
{
    public IPipelinedPlateDetector Detector { get; } = detector;

    public int Detect(Frame frame, Span<PlateCandidate> found)
    {
        Prepare(frame, 0);
        return DetectPrepared(frame, 0, found);
    }

    public void Prepare(Frame frame, int slot) => Detector.Prepare(frame, slot);

    public abstract int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner detector; a subclass disposes its own part too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (Detector as IDisposable)?.Dispose();
        }
    }
}
