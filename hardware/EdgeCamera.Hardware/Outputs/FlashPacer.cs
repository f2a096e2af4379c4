namespace EdgeCamera.Hardware.Outputs;

/// <summary>Decides whether a pulse may fire now (at most one per <see cref="FlashOptions.MinInterval"/>). Thread-safe.</summary>
public sealed class FlashPacer
{
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long? _last;

    public FlashPacer(TimeSpan minInterval, TimeProvider time)
    {
        _minInterval = minInterval;
        _time = time;
    }

    public FlashStats Stats { get; } = new();

    public bool TryAcquire(out long now)
    {
        now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_last is { } last && _time.GetElapsedTime(last, now) < _minInterval)
            {
                Stats.RefusedOne();
                return false;
            }

            _last = now;
        }

        Stats.Pulsed(now);
        return true;
    }
}
