using EdgeCamera.Violations.Geometry;

namespace EdgeCamera.Violations.Passages;

/// <summary>Where a vehicle's plate box was in one frame: frame sequence, monotonic time and box (pixels).</summary>
public readonly record struct TrajectoryPoint(long FrameSequence, long Timestamp, int X, int Y, int Width, int Height)
{
    /// <summary>The box's bottom centre: the plate's point nearest the road, used for lanes and the stop line.</summary>
    public ImagePoint Ground => new(X + (Width / 2.0), Y + Height);
}
