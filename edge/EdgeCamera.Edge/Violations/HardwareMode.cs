namespace EdgeCamera.Edge.Violations;

/// <summary>Which roadside devices the unit talks to.</summary>
public enum HardwareMode
{
    /// <summary>No loops, signal or radar: only rules that need none (wrong way, restricted lane, watch list) can fire.</summary>
    None,

    /// <summary>Simulated devices driven by a scenario built from the simulated camera's ground truth (demo, tests).</summary>
    Simulated,

    /// <summary>Loops and signal lamps on GPIO inputs, the radar on a serial port (the roadside unit).</summary>
    Gpio,
}
