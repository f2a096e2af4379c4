namespace EdgeCamera.Edge.Diagnostics;

/// <summary>The IR flash of the demo and the tests: records each pulse instead of lighting anything.</summary>
public sealed class SimulatedIrFlash(TimeProvider time) : IIrFlash
{
    private long _pulses;
    private long _lastPulseTicksUtc;

    public long Pulses => Interlocked.Read(ref _pulses);

    public DateTimeOffset? LastPulseUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastPulseTicksUtc);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public bool TryPulse(TimeSpan duration, out string error)
    {
        error = "";
        Interlocked.Exchange(ref _lastPulseTicksUtc, time.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _pulses);
        return true;
    }
}
