using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>Finds number plates in a frame.</summary>
public interface IPlateDetector
{
    /// <summary>
    /// Writes up to <c>found.Length</c> candidates, best first, and returns how many were written.
    /// Implementations avoid per-frame heap allocation in steady state and are not thread-safe.
    /// </summary>
    int Detect(Frame frame, Span<PlateCandidate> found);
}
