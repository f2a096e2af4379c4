namespace EdgeCamera.NationalSim.Faults;

/// <summary>
/// Lets tests make the stand-in misbehave like a real national system on a bad day: fail the next N intake calls, or
/// every call for a while, with 503 (down) or another status (a 4xx the caller must not retry); or answer every call
/// after a delay.
/// </summary>
public sealed class FaultInjector(TimeProvider time)
{
    private int _failNext;
    private long _delayTicks;
    private long _failUntilTicks;
    private int _failStatus = StatusCodes.Status503ServiceUnavailable;
    private long _injected;

    /// <param name="FailNext">Fail this many next intake calls.</param>
    /// <param name="DelayMs">Answer every call after this many milliseconds (0–60000).</param>
    /// <param name="FailForMs">Fail every call for this many milliseconds from now.</param>
    /// <param name="FailStatus">The status failed calls get (400–599; 503 when not given).</param>
    public sealed record Settings(int FailNext, int DelayMs, int FailForMs = 0, int FailStatus = StatusCodes.Status503ServiceUnavailable);

    public void Apply(Settings settings)
    {
        Interlocked.Exchange(ref _failStatus, settings.FailStatus is >= 400 and <= 599 ? settings.FailStatus : StatusCodes.Status503ServiceUnavailable);
        Interlocked.Exchange(ref _failNext, Math.Max(0, settings.FailNext));
        Interlocked.Exchange(ref _delayTicks, TimeSpan.FromMilliseconds(Math.Clamp(settings.DelayMs, 0, 60_000)).Ticks);
        var until = settings.FailForMs > 0 ? time.GetUtcNow().AddMilliseconds(Math.Min(settings.FailForMs, 3_600_000)).UtcTicks : 0;
        Interlocked.Exchange(ref _failUntilTicks, until);
    }

    public TimeSpan Delay => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));

    /// <summary>Calls answered with an injected failure so far.</summary>
    public long FailuresInjected => Interlocked.Read(ref _injected);

    /// <summary>True when this call should fail, with the status to answer (a counted failure is used up).</summary>
    public bool ShouldFail(out int status)
    {
        status = Volatile.Read(ref _failStatus);
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _failUntilTicks))
        {
            Interlocked.Increment(ref _injected);
            return true;
        }

        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left)
            {
                Interlocked.Increment(ref _injected);
                return true;
            }
        }
    }
}
