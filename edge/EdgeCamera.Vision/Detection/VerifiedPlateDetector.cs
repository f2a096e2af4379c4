using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// A detector run at a lower score than alone, whose boxes a verifier looks at again: a box the detector scored at
/// or above <paramref name="sureScore"/> (its own validated threshold) is kept when the verifier gives it at least
/// <see cref="IPlateVerifier.Threshold"/>, a fainter box only at <see cref="IPlateVerifier.FaintThreshold"/>. Fewer
/// signs and grilles are taken for plates and a few faint plates are found (models/cards/plate-verifier.md has the
/// figures). The kept candidates keep the detector's order. Owns and disposes both parts. Not thread-safe beyond
/// <see cref="IPipelinedPlateDetector"/>'s promise: the verifier runs in <see cref="DetectPrepared"/> only.
/// </summary>
public sealed class VerifiedPlateDetector(IPipelinedPlateDetector detector, IPlateVerifier verifier, float sureScore) : PlateDetectorWrapper(detector)
{
    private long _checked;
    private long _rejected;

    public IPlateVerifier Verifier { get; } = verifier;

    /// <summary>The detector score from which a box needs only <see cref="IPlateVerifier.Threshold"/>.</summary>
    public float SureScore { get; } = sureScore;

    /// <summary>Boxes the verifier has looked at since start.</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Boxes it scored below its threshold (or that had no pixel in the frame), dropped.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

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
