namespace EdgeCamera.Hardware.Outputs;

/// <summary>Pulses fired and refused. Thread-safe.</summary>
public sealed class FlashStats
{
    private long _pulses;
    private long _refused;
    private long _lastPulseTimestamp;

    public long Pulses => Interlocked.Read(ref _pulses);

    /// <summary>Pulses refused because they came too soon after the previous one (the lamp's duty cycle).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public long LastPulseTimestamp => Interlocked.Read(ref _lastPulseTimestamp);

    internal void Pulsed(long at)
    {
        Interlocked.Increment(ref _pulses);
        Interlocked.Exchange(ref _lastPulseTimestamp, at);
    }

    internal void RefusedOne() => Interlocked.Increment(ref _refused);
}
