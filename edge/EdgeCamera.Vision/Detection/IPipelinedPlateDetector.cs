using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// A detector whose input preparation (scaling the frame into the model's input) can run for the next frame while
/// the model runs on this one: two input slots, each filled by <see cref="Prepare"/> and read by
/// <see cref="DetectPrepared"/>. Calls on different slots may run on different threads at the same time; calls on one
/// slot may not. <see cref="IPlateDetector.Detect"/> is Prepare then DetectPrepared on slot 0.
/// </summary>
public interface IPipelinedPlateDetector : IPlateDetector
{
    /// <summary>Fills input slot <paramref name="slot"/> (0 or 1) from <paramref name="frame"/>.</summary>
    void Prepare(Frame frame, int slot);

    /// <summary>Runs the model on slot <paramref name="slot"/>, prepared from <paramref name="frame"/>; as
    /// <see cref="IPlateDetector.Detect"/> otherwise.</summary>
    int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found);
}
