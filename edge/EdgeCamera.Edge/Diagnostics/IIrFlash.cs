namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// The IR flash, as far as the diagnostics page needs it: fire one test pulse. Defined here until the hardware
/// drivers (hardware/EdgeCamera.Hardware) provide their own; then this goes and the page uses theirs.
/// </summary>
public interface IIrFlash
{
    /// <summary>Fires one pulse of <paramref name="duration"/>; false (with a reason) when the flash could not fire.</summary>
    bool TryPulse(TimeSpan duration, out string error);
}
