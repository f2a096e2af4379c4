namespace EdgeCamera.Vision;

/// <summary>
/// The part of the frame the box refiner looks at: a detector box widened by a share of its width and height per
/// side and clamped to the frame, in fractional pixels as models/training/refiner.py <c>region</c> cuts it; and the
/// way back from the model's edges (fractions of the region) to a box in frame pixels.
/// </summary>
public readonly record struct RefinerRegion(double X0, double Y0, double X1, double Y1)
{
    /// <summary>False when the box is empty or the widened box has no pixel inside the frame.</summary>
    public static bool TryGet(int frameWidth, int frameHeight, PixelBox box, double shareX, double shareY, out RefinerRegion region)
    {
        region = new RefinerRegion(
            Math.Max(0, box.X - (shareX * box.Width)),
            Math.Max(0, box.Y - (shareY * box.Height)),
            Math.Min(frameWidth, box.Right + (shareX * box.Width)),
            Math.Min(frameHeight, box.Bottom + (shareY * box.Height)));
        return !box.IsEmpty && region.X1 - region.X0 >= 1 && region.Y1 - region.Y0 >= 1;
    }

    /// <summary>Edges [x0, y0, x1, y1] as fractions of the region → a box in frame pixels, clamped to the frame;
    /// false when that leaves no box of at least one pixel each way (or a value is not a number).</summary>
    public bool TryMapBack(ReadOnlySpan<float> edges, int frameWidth, int frameHeight, out PixelBox box)
    {
        box = default;
        if (edges.Length < 4)
        {
            return false;
        }

        double width = X1 - X0;
        double height = Y1 - Y0;
        double left = Math.Clamp(X0 + (edges[0] * width), 0, frameWidth);
        double top = Math.Clamp(Y0 + (edges[1] * height), 0, frameHeight);
        double right = Math.Clamp(X0 + (edges[2] * width), 0, frameWidth);
        double bottom = Math.Clamp(Y0 + (edges[3] * height), 0, frameHeight);
        if (!(right - left >= 1) || !(bottom - top >= 1))
        {
            return false;
        }

        int x = (int)Math.Round(left);
        int y = (int)Math.Round(top);
        box = new PixelBox(x, y, Math.Max(1, (int)Math.Round(right) - x), Math.Max(1, (int)Math.Round(bottom) - y));
        return true;
    }
}
