using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Tamper;

namespace EdgeCamera.Edge.Status;

/// <summary>
/// Decides the unit's <see cref="UnitState"/> from the cabinet door, the camera and the uplink, and shows it on the
/// status LED (<see cref="IStatusLed"/>: GPIO on the unit, simulated in the demo and tests): ok steady, degraded slow
/// blink, tamper fast blink. Tells the LED only when the state changes. Thread-safe.
/// </summary>
public sealed class StatusIndicator(IStatusLed led, ITamperSwitch? tamper)
{
    private readonly Lock _gate = new();
    private UnitState? _shown;

    /// <summary>The state last shown; null before the first <see cref="Update"/>.</summary>
    public UnitState? State
    {
        get
        {
            lock (_gate)
            {
                return _shown;
            }
        }
    }

    public IStatusLed Led => led;

    public static LedPattern PatternOf(UnitState state) => state switch
    {
        UnitState.Ok => LedPattern.On,
        UnitState.Degraded => LedPattern.SlowBlink,
        _ => LedPattern.FastBlink,
    };

    /// <summary>Shows the state these inputs make; true when it changed.</summary>
    public bool Update(bool cameraUp, bool uplinkUp, out UnitState state)
    {
        var doorOpen = tamper is not null && tamper.TryRead(out var door) && door.Door == CabinetDoor.Open;
        state = doorOpen ? UnitState.Tamper
            : cameraUp && uplinkUp ? UnitState.Ok
            : UnitState.Degraded;
        lock (_gate)
        {
            if (_shown == state)
            {
                return false;
            }

            _shown = state;
            led.Show(PatternOf(state));
            return true;
        }
    }
}
