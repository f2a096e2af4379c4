using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned reader first; when its confidence is below <see cref="AskBelow"/>, Tesseract is asked as well.
/// Agreement raises the read to the better of the two confidences; on disagreement the read that fits a known plate
/// format wins, and when both (or neither) fit, the learned reader's. Counts how often each happened so the
/// evaluation harness and the diagnostics page can show whether the second opinion pays for itself.
/// Owns both readers; not thread-safe.
/// </summary>
public sealed class SecondOpinionPlateReader(IPlateReader primary, IPlateReader second, double askBelow) : IPlateReader, IDisposable
{
    public double AskBelow { get; } = askBelow;

    /// <summary>The learned reader asked first.</summary>
    public IPlateReader Primary { get; } = primary;

    public long Asked { get; private set; }

    public long Agreed { get; private set; }

    public long Overruled { get; private set; }

    public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
    {
        bool first = Primary.TryRead(frame, plate, out var mine);
        if (first && mine!.Confidence >= AskBelow)
        {
            text = mine;
            return true;
        }

        Asked++;
        if (!second.TryRead(frame, plate, out var theirs))
        {
            text = mine;
            return first;
        }

        if (!first)
        {
            text = theirs;
            return true;
        }

        if (string.Equals(mine!.Text, theirs.Text, StringComparison.Ordinal))
        {
            Agreed++;
            text = mine with { Confidence = Math.Max(mine.Confidence, theirs.Confidence), Source = "onnx+tesseract" };
            return true;
        }

        bool mineFits = PlateTextCanonicalizer.TryFit(mine.Text, out _);
        bool theirsFit = PlateTextCanonicalizer.TryFit(theirs.Text, out _);
        if (theirsFit && !mineFits)
        {
            Overruled++;
            text = theirs;
            return true;
        }

        text = mine;
        return true;
    }

    public void Dispose()
    {
        (Primary as IDisposable)?.Dispose();
        (second as IDisposable)?.Dispose();
    }
}
