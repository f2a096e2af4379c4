namespace EdgeCamera.Hardware.Tamper;

/// <summary>A door switch set by a scenario or a test; settles like the real one.</summary>
public sealed class SimulatedTamperSwitch : ITamperSwitch
{
    private readonly TamperDebouncer _debouncer;

    public SimulatedTamperSwitch(TamperOptions options, TimeProvider time)
    {
        _debouncer = new TamperDebouncer(options.Debounce, time);
        _debouncer.Initial(CabinetDoor.Closed, time.GetTimestamp());
    }

    public void Set(CabinetDoor door, long timestamp) => _debouncer.Observe(door, timestamp);

    public bool TryRead(out TamperState state) => _debouncer.TryRead(out state);
}
