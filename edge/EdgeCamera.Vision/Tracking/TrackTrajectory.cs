namespace EdgeCamera.Vision.Tracking;

/// <summary>
/// A track's plate boxes, bounded: every observation is kept until <see cref="Capacity"/> points, then every second
/// point is dropped and from then on only every second observation is recorded (then every fourth, …), so a long
/// track is thinned evenly in time. The latest observation is always kept apart, so the result ends on it.
/// </summary>
internal sealed class TrackTrajectory
{
    private readonly List<TrackPoint> _points;
    private readonly int _capacity;
    private int _stride = 1;
    private long _observed;
    private TrackPoint _latest;

    public TrackTrajectory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
        _points = new List<TrackPoint>(capacity);
    }

    public int Capacity => _capacity;

    public TrackPoint First => _points.Count > 0 ? _points[0] : _latest;

    public TrackPoint Latest => _latest;

    public void Add(TrackPoint point)
    {
        _latest = point;
        if (_observed++ % _stride != 0)
        {
            return;
        }

        if (_points.Count == _capacity - 1)
        {
            // Keep indices 0, 2, 4, …: the first point stays, the spacing doubles.
            var kept = 0;
            for (var i = 0; i < _points.Count; i += 2)
            {
                _points[kept++] = _points[i];
            }

            _points.RemoveRange(kept, _points.Count - kept);
            _stride *= 2;
            if ((_observed - 1) % _stride != 0)
            {
                return;
            }
        }

        _points.Add(point);
    }

    /// <summary>The kept points, oldest first, ending on the latest observation; at most <see cref="Capacity"/>.</summary>
    public TrackPoint[] ToArray()
    {
        if (_observed == 0)
        {
            return [];
        }

        var endsOnLatest = _points.Count > 0 && _points[^1].FrameSequence == _latest.FrameSequence;
        return endsOnLatest ? [.. _points] : [.. _points, _latest];
    }
}
