using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// A detector run at a lower score than alone, whose boxes a verifier looks at again: a box the detector scored at
/// or above <paramref name="sureScore"/> (its own validated threshold) is kept when the verifier gives it at least
/// <see cref="IPlateVerifier.Threshold"/>, a fainter box only at <see cref="IPlateVerifier.FaintThreshold"/>. Fewer
/// signs and grilles are taken for plates and a few faint plates are found (models/cards/plate-verifier.md has the
/// figures). With <paramref name="secondLook"/>, a box the detector is sure of that the verifier refuses is redrawn by
/// that refiner and kept when the verifier passes the redrawn box at its faint threshold: the detector's box of a large
/// plate often holds only its text line, which the verifier takes for sign text, while the redrawn box holds the whole
/// plate (models/cards/plate-verifier.md, "A second look at the redrawn box").
/// The kept candidates keep the detector's order and boxes. Owns and disposes the detector and the verifier, not the
/// refiner it borrows. Not thread-safe beyond <see cref="IPipelinedPlateDetector"/>'s promise: the verifier runs in
/// <see cref="DetectPrepared"/> only.
/// </summary>
public sealed class VerifiedPlateDetector(IPipelinedPlateDetector detector, IPlateVerifier verifier, float sureScore, IPlateBoxRefiner? secondLook = null)
    : PlateDetectorWrapper(detector)
{
    private long _checked;
    private long _rejected;
    private long _keptOnSecondLook;

    public IPlateVerifier Verifier { get; } = verifier;

    /// <summary>The detector score from which a box needs only <see cref="IPlateVerifier.Threshold"/>.</summary>
    public float SureScore { get; } = sureScore;

    /// <summary>Boxes the verifier has looked at since start.</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Boxes it scored below its threshold (or that had no pixel in the frame), dropped.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Boxes refused as found and kept on the second look at their redrawn box.</summary>
    public long KeptOnSecondLook => Interlocked.Read(ref _keptOnSecondLook);

    public override int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found)
    {
        int count = Detector.DetectPrepared(frame, slot, found);
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            Interlocked.Increment(ref _checked);
            float needed = found[i].Score >= SureScore ? Verifier.Threshold : Verifier.FaintThreshold;
            if (Verifier.TryScore(frame, found[i].Box, out float plate) && plate >= needed)
            {
                found[kept++] = found[i];
            }
            else if (secondLook is not null && found[i].Score >= SureScore && secondLook.TryRefine(frame, found[i].Box, out var redrawn)
                && Verifier.TryScore(frame, redrawn, out plate) && plate >= Verifier.FaintThreshold)
            {
                Interlocked.Increment(ref _keptOnSecondLook);
                found[kept++] = found[i];
            }
            else
            {
                Interlocked.Increment(ref _rejected);
            }
        }

        return kept;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            (Verifier as IDisposable)?.Dispose();
        }
    }
}
