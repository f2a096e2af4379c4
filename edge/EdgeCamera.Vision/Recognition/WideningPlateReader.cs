using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// Reads a Saudi plate again in wider boxes, for the long 520×110 mm plate whose detector box stops at the emblem
/// strip in its middle and so leaves out leading digits or trailing letters (real-dev: <c>car_287</c> read
/// <c>66RD</c> for <c>866RDE</c>, <c>car_297</c> <c>KEH</c> for <c>1KEH</c>, <c>car_360</c> <c>179UZD</c> for
/// <c>5179UZD</c>). When the first read is Saudi and its box is as wide as such a cut plate (<see cref="MinAspect"/>),
/// the same reader reads the box grown to either side
/// (<see cref="Widenings"/>); a wider read replaces the first only when it is a whole Saudi plate
/// (<see cref="PlateFormats.SaudiWholePlate"/>), holds the first read's text whole and adds to it, and is at least
/// <see cref="MinConfidence"/> sure. Counts how often each happened.
/// Owns the inner reader; not thread-safe.
/// </summary>
public sealed class WideningPlateReader(IPlateReader inner, double minConfidence) : IPlateReader, IDisposable
{
    /// <summary>How far each wider box reaches past the first, as fractions of its width: (left, right).</summary>
    public static readonly IReadOnlyList<(double Left, double Right)> Widenings = [(0.5, 0.0), (0.0, 0.5)];

    /// <summary>Only boxes at least this many times as wide as high are read again. The national 335×155 mm plate is
    /// 2.16:1; a 520×110 mm plate cut at its middle strip keeps about 2.36:1 (shared/plate-formats.md, plategen's
    /// sa-private "sizes").</summary>
    public const double MinAspect = 2.25;

    public IPlateReader Inner { get; } = inner;

    public double MinConfidence { get; } = minConfidence;

    /// <summary>Saudi reads (of boxes at least <see cref="MinAspect"/> wide) that were read again wider.</summary>
    public long Widened { get; private set; }

    /// <summary>Reads replaced by a longer one from a wider box.</summary>
    public long Lengthened { get; private set; }

    public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
    {
        if (!Inner.TryRead(frame, plate, out text))
        {
            return false;
        }

        if (text.Country != PlateFormats.Saudi.Country || plate.Width < MinAspect * plate.Height)
        {
            return true;
        }

        Widened++;
        PlateText? best = null;
        foreach (var (left, right) in Widenings)
        {
            int dl = (int)Math.Round(plate.Width * left);
            int dr = (int)Math.Round(plate.Width * right);
            var wider = PixelBox.FromEdges(plate.X - dl, plate.Y, plate.Right + dr, plate.Bottom).Clamp(frame.Width, frame.Height);
            if (wider.Width <= plate.Width || !Inner.TryRead(frame, wider, out var read))
            {
                continue;
            }

            if (read.Country == PlateFormats.Saudi.Country && PlateFormats.SaudiWholePlate.IsMatch(read.Text) && read.Confidence >= MinConfidence
                && read.Text.Length > text.Text.Length
                && read.Text.Contains(text.Text, StringComparison.Ordinal)
                && (best is null || read.Text.Length > best.Text.Length
                    || (read.Text.Length == best.Text.Length && read.Confidence > best.Confidence)))
            {
                best = read;
            }
        }

        if (best is not null)
        {
            Lengthened++;
            text = best;
        }

        return true;
    }

    public void Dispose() => (Inner as IDisposable)?.Dispose();
}
