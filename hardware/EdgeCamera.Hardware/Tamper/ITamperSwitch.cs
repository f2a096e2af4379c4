namespace EdgeCamera.Hardware.Tamper;

/// <summary>The cabinet's tamper (door) switch.</summary>
public interface ITamperSwitch
{
    /// <summary>The settled door state; false before the switch has been read once.</summary>
    bool TryRead(out TamperState state);
}
