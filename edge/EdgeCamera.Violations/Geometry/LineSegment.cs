namespace EdgeCamera.Violations.Geometry;

/// <summary>A segment between two image points (a stop line, or a vehicle's step from one frame to the next).</summary>
public readonly record struct LineSegment(ImagePoint A, ImagePoint B)
{
    /// <summary>Whether the two segments share a point. Touching counts: a vehicle whose reference point lands exactly
    /// on the line has reached it.</summary>
    public bool Intersects(LineSegment other)
    {
        var d1 = Cross(other.A, other.B, A);
        var d2 = Cross(other.A, other.B, B);
        var d3 = Cross(A, B, other.A);
        var d4 = Cross(A, B, other.B);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(other.A, other.B, A))
            || (d2 == 0 && OnSegment(other.A, other.B, B))
            || (d3 == 0 && OnSegment(A, B, other.A))
            || (d4 == 0 && OnSegment(A, B, other.B));
    }

    private static double Cross(ImagePoint a, ImagePoint b, ImagePoint c) =>
        ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));

    private static bool OnSegment(ImagePoint a, ImagePoint b, ImagePoint p) =>
        Math.Min(a.X, b.X) <= p.X && p.X <= Math.Max(a.X, b.X) && Math.Min(a.Y, b.Y) <= p.Y && p.Y <= Math.Max(a.Y, b.Y);
}
