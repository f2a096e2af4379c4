namespace EdgeCamera.Hardware.Signals;

/// <summary>
/// The recent phase changes of one approach, so that the phase at a past instant can be looked up: a vehicle's read
/// is decided after it has left the picture, seconds after it crossed the stop line. Bounded; thread-safe.
/// </summary>
public sealed class SignalPhaseHistory
{
    /// <summary>Changes kept: a short urban cycle changes phase 3 times a minute, so this is well over 10 minutes.</summary>
    public const int Capacity = 128;

    private readonly List<SignalState> _changes = [];
    private readonly Lock _gate = new();

    public SignalPhaseHistory(string approach)
    {
        Approach = approach;
    }

    public string Approach { get; }

    /// <summary>Records the phase seen at <paramref name="timestamp"/>; the same phase again is no change.
    /// Out-of-order timestamps are ignored (the clock is monotonic, so they are a caller's bug).</summary>
    public bool Record(SignalPhase phase, long timestamp)
    {
        lock (_gate)
        {
            if (_changes.Count > 0)
            {
                var last = _changes[^1];
                if (last.Phase == phase || timestamp < last.SinceTimestamp)
                {
                    return false;
                }

                if (timestamp == last.SinceTimestamp)
                {
                    // Two lamp lines switching at the same instant (green off, amber on) pass through a state that
                    // never lasted: the later reading replaces it.
                    _changes.RemoveAt(_changes.Count - 1);
                    if (_changes.Count > 0 && _changes[^1].Phase == phase)
                    {
                        return true;
                    }
                }
            }

            _changes.Add(new SignalState(Approach, phase, timestamp));
            if (_changes.Count > Capacity)
            {
                _changes.RemoveAt(0);
            }

            return true;
        }
    }

    public bool TryGetCurrent(out SignalState state)
    {
        lock (_gate)
        {
            state = _changes.Count > 0 ? _changes[^1] : default;
            return _changes.Count > 0;
        }
    }

    /// <summary>The phase in force at <paramref name="timestamp"/>; false when it is older than the history.</summary>
    public bool TryGetPhaseAt(long timestamp, out SignalState state)
    {
        lock (_gate)
        {
            for (var i = _changes.Count - 1; i >= 0; i--)
            {
                if (_changes[i].SinceTimestamp <= timestamp)
                {
                    state = _changes[i];
                    return true;
                }
            }

            state = default;
            return false;
        }
    }

    /// <summary>The phase in force at <paramref name="fromTimestamp"/> and every change up to <paramref name="toTimestamp"/>.</summary>
    public IReadOnlyList<SignalState> Between(long fromTimestamp, long toTimestamp)
    {
        lock (_gate)
        {
            var result = new List<SignalState>();
            for (var i = 0; i < _changes.Count; i++)
            {
                var change = _changes[i];
                var next = i + 1 < _changes.Count ? _changes[i + 1].SinceTimestamp : long.MaxValue;
                if (next > fromTimestamp && change.SinceTimestamp <= toTimestamp)
                {
                    result.Add(change);
                }
            }

            return result;
        }
    }
}
