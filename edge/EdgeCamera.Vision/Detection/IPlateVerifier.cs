using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>Says how likely a detector's box holds a number plate: a second look at each candidate.</summary>
public interface IPlateVerifier
{
    /// <summary>The plate probability at or above which a box the detector is sure of is kept.</summary>
    float Threshold { get; }

    /// <summary>The plate probability at or above which a box the detector scored below its own threshold is kept.</summary>
    float FaintThreshold { get; }

    /// <summary>The probability, in [0, 1], that <paramref name="box"/> of <paramref name="frame"/> holds a plate; false
    /// when the box has no pixel inside the frame. Not thread-safe.</summary>
    bool TryScore(Frame frame, PixelBox box, out float plateProbability);
}
