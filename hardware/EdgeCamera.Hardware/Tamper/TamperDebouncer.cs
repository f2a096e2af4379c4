namespace EdgeCamera.Hardware.Tamper;

/// <summary>
/// Settles the door switch: a level becomes the door state only once it has held for the debounce time, so a
/// bouncing contact counts as one opening. Thread-safe.
/// </summary>
public sealed class TamperDebouncer
{
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private TamperState? _settled;
    private (CabinetDoor Door, long At)? _pending;

    public TamperDebouncer(TimeSpan debounce, TimeProvider time)
    {
        _debounce = debounce;
        _time = time;
    }

    /// <summary>The first reading at start: taken as settled at once.</summary>
    public void Initial(CabinetDoor door, long at)
    {
        lock (_gate)
        {
            _settled = new TamperState(door, at, door == CabinetDoor.Open ? 1 : 0);
            _pending = null;
        }
    }

    /// <summary>The level seen at an edge.</summary>
    public void Observe(CabinetDoor door, long at)
    {
        lock (_gate)
        {
            _pending = _settled is { } s && s.Door == door && _pending is null ? null : (door, at);
        }
    }

    public bool TryRead(out TamperState state)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_pending is { } p && _time.GetElapsedTime(p.At, now) >= _debounce)
            {
                var openings = _settled?.Openings ?? 0;
                if (_settled?.Door != p.Door)
                {
                    _settled = new TamperState(p.Door, p.At, p.Door == CabinetDoor.Open ? openings + 1 : openings);
                }

                _pending = null;
            }

            state = _settled ?? default;
            return _settled.HasValue;
        }
    }
}
