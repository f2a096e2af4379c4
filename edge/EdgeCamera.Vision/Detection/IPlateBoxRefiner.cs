using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>Redraws a detector's box around the whole plate (<see cref="RefinedPlateDetector"/>).</summary>
public interface IPlateBoxRefiner
{
    /// <summary>The plate's box as the refiner sees it around <paramref name="box"/>; false, and
    /// <paramref name="refined"/> the box unchanged, when the box has no pixel inside the frame or the refiner's
    /// answer is no box at all. Not thread-safe.</summary>
    bool TryRefine(Frame frame, PixelBox box, out PixelBox refined);
}
