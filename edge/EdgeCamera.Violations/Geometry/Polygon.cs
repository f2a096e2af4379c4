namespace EdgeCamera.Violations.Geometry;

/// <summary>A simple polygon in the image (a lane's outline).</summary>
public sealed class Polygon
{
    private readonly ImagePoint[] _points;

    public Polygon(IReadOnlyList<ImagePoint> points)
    {
        _points = [.. points];
    }

    public IReadOnlyList<ImagePoint> Points => _points;

    /// <summary>Even-odd ray casting; points exactly on an edge may fall either way.</summary>
    public bool Contains(ImagePoint p)
    {
        var inside = false;
        for (int i = 0, j = _points.Length - 1; i < _points.Length; j = i++)
        {
            var a = _points[i];
            var b = _points[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
