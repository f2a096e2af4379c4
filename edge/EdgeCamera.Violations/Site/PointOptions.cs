using System.ComponentModel.DataAnnotations;
using EdgeCamera.Violations.Geometry;

namespace EdgeCamera.Violations.Site;

/// <summary>A point in the camera image, in full-resolution pixels (x right, y down).</summary>
public sealed class PointOptions
{
    [Range(0, 7680)]
    public double X { get; set; }

    [Range(0, 4320)]
    public double Y { get; set; }

    public ImagePoint ToPoint() => new(X, Y);
}
