namespace EdgeCamera.NationalSim.Faults;

/// <summary>
/// Lets tests make the stand-in misbehave like a real national system on a bad day: fail the next N intake calls
/// with 503, or answer every call after a delay.
/// </summary>
public sealed class FaultInjector
{
    private int _failNext;
    private long _delayTicks;

    public sealed record Settings(int FailNext, int DelayMs);

    public void Apply(Settings settings)
    {
        Interlocked.Exchange(ref _failNext, Math.Max(0, settings.FailNext));
        Interlocked.Exchange(ref _delayTicks, TimeSpan.FromMilliseconds(Math.Clamp(settings.DelayMs, 0, 60_000)).Ticks);
    }

    public TimeSpan Delay => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));

    /// <summary>True when this call should fail (and uses up one of the failures asked for).</summary>
    public bool ShouldFail()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
