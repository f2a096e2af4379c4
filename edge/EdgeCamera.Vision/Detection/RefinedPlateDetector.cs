using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// A detector whose boxes a refiner redraws around the whole plate: the detector guesses a plate's height from one
/// cell of a quarter-scale map and, on small plates, boxes one-row plates twice as tall and two-row or rolled ones
/// half as tall (models/cards/plate-refiner.md has the figures). A box the refiner cannot redraw keeps the
/// detector's. Scores and order stay the detector's. With
/// <paramref name="readAtDetectorBox"/> the refined box only says where the plate is (tracking, evidence, scoring) and
/// the reader still cuts the detector's box (<see cref="PlateCandidate.ReadBox"/>), so every read stays what it was
/// without the refiner. Owns and disposes both parts.
/// </summary>
public sealed class RefinedPlateDetector(IPipelinedPlateDetector detector, IPlateBoxRefiner refiner, bool readAtDetectorBox = false)
    : PlateDetectorWrapper(detector)
{
    private long _refined;
    private long _kept;

    public IPlateBoxRefiner Refiner { get; } = refiner;

    /// <summary>Whether readers cut the detector's box rather than the refined one.</summary>
    public bool ReadsAtDetectorBox { get; } = readAtDetectorBox;

    /// <summary>Boxes redrawn since start.</summary>
    public long Refined => Interlocked.Read(ref _refined);

    /// <summary>Boxes the refiner could not redraw (no pixel in the frame, or no box in its answer), kept as found.</summary>
    public long KeptAsFound => Interlocked.Read(ref _kept);

    public override int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found)
    {
        int count = Detector.DetectPrepared(frame, slot, found);
        for (int i = 0; i < count; i++)
        {
            if (Refiner.TryRefine(frame, found[i].Box, out var box))
            {
                var candidate = found[i];
                found[i] = ReadsAtDetectorBox
                    ? candidate with { Box = box, ReadBox = candidate.ReadBox }
                    : candidate with { Box = box, ReadBox = box };
                Interlocked.Increment(ref _refined);
            }
            else
            {
                Interlocked.Increment(ref _kept);
            }
        }

        return count;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            (Refiner as IDisposable)?.Dispose();
        }
    }
}
