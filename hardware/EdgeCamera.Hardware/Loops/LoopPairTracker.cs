namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// Turns one lane's loop edges into passages. A passage needs all four edges: leading on, trailing on, leading off,
/// trailing off (in any order after leading on: a short vehicle leaves the leading loop before reaching the
/// trailing one). Speed = spacing ÷ the time between the rising edges, checked against the falling edges; length =
/// speed × leading occupancy − loop length. Not thread-safe: the owner serialises edges.
/// </summary>
public sealed class LoopPairTracker
{
    private const double MetresPerSecondToKmh = 3.6; // 3600 s/h ÷ 1000 m/km

    private readonly LoopPairOptions _pair;
    private readonly LoopsOptions _options;
    private readonly TimeProvider _time;
    private readonly LoopStats _stats;
    private long? _leadOn;
    private long? _trailOn;
    private long? _leadOff;
    private long? _trailOff;

    public LoopPairTracker(LoopPairOptions pair, LoopsOptions options, TimeProvider time, LoopStats stats)
    {
        _pair = pair;
        _options = options;
        _time = time;
        _stats = stats;
    }

    public int Lane => _pair.Lane;

    /// <summary>Whether a vehicle is between its first and last edge.</summary>
    public bool InProgress => _leadOn.HasValue;

    /// <summary>Feeds one edge; returns true with the passage when it completed one.</summary>
    public bool TryAdd(LoopEdge edge, out LoopPassage passage)
    {
        passage = null!;
        Expire(edge.Timestamp);
        if (edge.Position == LoopPosition.Leading && edge.Occupied)
        {
            if (_leadOn.HasValue)
            {
                // A second front on the leading loop before the first vehicle finished: the first cannot be measured.
                _stats.AbandonedOne();
            }

            Reset();
            _leadOn = edge.Timestamp;
            return false;
        }

        if (!_leadOn.HasValue)
        {
            _stats.Stray();
            return false;
        }

        ref var slot = ref Slot(edge);
        if (slot.HasValue)
        {
            _stats.Stray();
            return false;
        }

        slot = edge.Timestamp;
        if (!(_trailOn.HasValue && _leadOff.HasValue && _trailOff.HasValue))
        {
            return false;
        }

        var done = TryMeasure(out passage);
        Reset();
        return done;
    }

    /// <summary>Abandons a passage that has taken longer than <see cref="LoopsOptions.MaxPassageTime"/> by <paramref name="now"/>.</summary>
    public void Expire(long now)
    {
        if (_leadOn is { } start && _time.GetElapsedTime(start, now) > _options.MaxPassageTime)
        {
            _stats.AbandonedOne();
            Reset();
        }
    }

    private bool TryMeasure(out LoopPassage passage)
    {
        passage = null!;
        var rise = _time.GetElapsedTime(_leadOn!.Value, _trailOn!.Value);
        var fall = _time.GetElapsedTime(_leadOff!.Value, _trailOff!.Value);
        if (rise <= TimeSpan.Zero || fall <= TimeSpan.Zero)
        {
            _stats.InconsistentOne();
            return false;
        }

        var riseMps = _pair.LoopSpacingMetres / rise.TotalSeconds;
        var fallMps = _pair.LoopSpacingMetres / fall.TotalSeconds;
        var meanMps = (riseMps + fallMps) / 2;
        if (Math.Abs(riseMps - fallMps) / meanMps * 100 > _options.MaxEdgeDisagreementPercent)
        {
            _stats.InconsistentOne();
            return false;
        }

        var occupancy = _time.GetElapsedTime(_leadOn.Value, _leadOff.Value);
        var length = (meanMps * occupancy.TotalSeconds) - _pair.LoopLengthMetres;
        passage = new LoopPassage(
            _pair.DeviceId,
            _pair.Lane,
            meanMps * MetresPerSecondToKmh,
            occupancy,
            length,
            _options.LengthClasses.Classify(length),
            _leadOn.Value,
            _trailOff.Value);
        _stats.Passage();
        _stats.Measured(passage);
        return true;
    }

    private ref long? Slot(LoopEdge edge)
    {
        if (edge.Position == LoopPosition.Leading)
        {
            return ref _leadOff;
        }

        if (edge.Occupied)
        {
            return ref _trailOn;
        }

        return ref _trailOff;
    }

    private void Reset()
    {
        _leadOn = null;
        _trailOn = null;
        _leadOff = null;
        _trailOff = null;
    }
}
