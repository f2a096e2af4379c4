namespace EdgeCamera.Hardware.Outputs;

/// <summary>What the cabinet's status LED shows (the technician's one-glance state).</summary>
public enum LedPattern
{
    Off,
    On,
    SlowBlink,
    FastBlink,
}
