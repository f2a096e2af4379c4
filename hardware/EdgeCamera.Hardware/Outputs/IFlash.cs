namespace EdgeCamera.Hardware.Outputs;

/// <summary>The IR illuminator / flash, pulsed in step with the camera's capture.</summary>
public interface IFlash
{
    /// <summary>Fires one pulse now; false (and counted) when the last pulse was less than the minimum interval ago.</summary>
    bool TryPulse();

    FlashStats Stats { get; }
}
