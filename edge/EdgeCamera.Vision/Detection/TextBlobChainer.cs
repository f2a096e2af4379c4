using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision.Detection;

/// <summary>
/// Joins text blobs that sit side by side on one line: the edge-density window bridges letter gaps but not
/// the wider gaps between character groups on large plates ("8288 GN 00", Kuwaiti number cells), which would
/// otherwise split one plate into several short blobs.
/// </summary>
internal static class TextBlobChainer
{
    /// <summary>Blobs must share this much of the shorter one's height to be on one line.</summary>
    private const double MinVerticalOverlap = 0.6;

    /// <summary>Largest height ratio of two blobs on one line (character rows of one plate have one size).</summary>
    private const double MaxHeightRatio = 1.6;

    /// <summary>Largest horizontal gap, in blob heights: a group gap is ~1 character width (≈ 0.6 height).</summary>
    private const double MaxGapHeights = 1.2;

    /// <summary>Merges chainable blobs in place and returns the new count.</summary>
    public static int Chain(Span<ComponentBox> blobs)
    {
        int count = blobs.Length;
        bool merged = true;
        while (merged)
        {
            merged = false;
            for (int i = 0; i < count && !merged; i++)
            {
                for (int j = i + 1; j < count; j++)
                {
                    if (Chainable(blobs[i], blobs[j]))
                    {
                        blobs[i] = Merge(blobs[i], blobs[j]);
                        blobs[j] = blobs[count - 1];
                        count--;
                        merged = true;
                        break;
                    }
                }
            }
        }

        return count;
    }

    private static bool Chainable(ComponentBox a, ComponentBox b)
    {
        int shorter = Math.Min(a.Height, b.Height);
        int taller = Math.Max(a.Height, b.Height);
        if (taller > MaxHeightRatio * shorter)
        {
            return false;
        }

        int overlap = Math.Min(a.MaxY, b.MaxY) - Math.Max(a.MinY, b.MinY) + 1;
        if (overlap < MinVerticalOverlap * shorter)
        {
            return false;
        }

        int gap = Math.Max(a.MinX, b.MinX) - Math.Min(a.MaxX, b.MaxX) - 1;
        return gap <= MaxGapHeights * taller;
    }

    private static ComponentBox Merge(ComponentBox a, ComponentBox b) => new()
    {
        MinX = Math.Min(a.MinX, b.MinX),
        MinY = Math.Min(a.MinY, b.MinY),
        MaxX = Math.Max(a.MaxX, b.MaxX),
        MaxY = Math.Max(a.MaxY, b.MaxY),
        PixelCount = a.PixelCount + b.PixelCount,
    };
}
