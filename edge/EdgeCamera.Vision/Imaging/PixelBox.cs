namespace EdgeCamera.Vision;

/// <summary>An axis-aligned rectangle in full-resolution frame pixels (X, Y = top-left corner).</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long Area => Width <= 0 || Height <= 0 ? 0 : (long)Width * Height;

    public double CentreX => X + (Width / 2.0);

    public double CentreY => Y + (Height / 2.0);

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public static PixelBox FromEdges(int left, int top, int right, int bottom) =>
        new(left, top, right - left, bottom - top);

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public double Iou(PixelBox other)
    {
        long intersection = Intersect(other).Area;
        if (intersection == 0)
        {
            return 0;
        }

        long union = Area + other.Area - intersection;
        return union <= 0 ? 0 : (double)intersection / union;
    }

    public PixelBox Intersect(PixelBox other)
    {
        int left = Math.Max(X, other.X);
        int top = Math.Max(Y, other.Y);
        int right = Math.Min(Right, other.Right);
        int bottom = Math.Min(Bottom, other.Bottom);
        return right <= left || bottom <= top ? default : FromEdges(left, top, right, bottom);
    }

    public PixelBox Union(PixelBox other) => FromEdges(
        Math.Min(X, other.X), Math.Min(Y, other.Y), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

    /// <summary>Clips the box to an image of <paramref name="imageWidth"/> × <paramref name="imageHeight"/>.</summary>
    public PixelBox Clamp(int imageWidth, int imageHeight)
    {
        int left = Math.Clamp(X, 0, imageWidth);
        int top = Math.Clamp(Y, 0, imageHeight);
        int right = Math.Clamp(Right, 0, imageWidth);
        int bottom = Math.Clamp(Bottom, 0, imageHeight);
        return right <= left || bottom <= top ? default : FromEdges(left, top, right, bottom);
    }

    /// <summary>Grows the box by a fraction of its size on every side (negative fractions shrink it).</summary>
    public PixelBox Inflate(double fractionX, double fractionY)
    {
        int dx = (int)Math.Round(Width * fractionX);
        int dy = (int)Math.Round(Height * fractionY);
        return FromEdges(X - dx, Y - dy, Right + dx, Bottom + dy);
    }

    /// <summary>Distance between the two box centres, in pixels.</summary>
    public double CentreDistance(PixelBox other)
    {
        double dx = CentreX - other.CentreX;
        double dy = CentreY - other.CentreY;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
