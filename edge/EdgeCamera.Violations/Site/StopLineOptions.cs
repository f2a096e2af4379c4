using EdgeCamera.Violations.Geometry;

namespace EdgeCamera.Violations.Site;

/// <summary>The stop line across a lane, as a segment in the image.</summary>
public sealed class StopLineOptions
{
    public PointOptions? A { get; set; }

    public PointOptions? B { get; set; }

    public LineSegment ToSegment() => new(A!.ToPoint(), B!.ToPoint());
}
