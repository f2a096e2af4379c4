using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;

namespace EdgeCamera.Violations.Passages;

/// <summary>
/// Keeps the recent loop passages and radar readings and finds the ones that belong to a vehicle: same lane, and
/// within <c>window</c> of the vehicle's time in the picture (the loops and the radar's beam sit inside the camera's
/// view, so their moments fall in or near that span). The nearest in time wins, and a matched reading is used up.
/// Bounded; thread-safe.
/// </summary>
public sealed class SensorMatcher
{
    /// <summary>Readings kept per kind: a minute of traffic on a few lanes.</summary>
    public const int Capacity = 128;

    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly LinkedList<LoopPassage> _loops = new();
    private readonly LinkedList<RadarReading> _radar = new();
    private readonly Lock _gate = new();

    public SensorMatcher(TimeSpan window, TimeProvider time)
    {
        _window = window;
        _time = time;
    }

    public void Add(LoopPassage passage) => Keep(_loops, passage);

    public void Add(RadarReading reading) => Keep(_radar, reading);

    /// <summary>Takes everything waiting in the devices' queues (bounded by their capacities).</summary>
    public void Drain(ILoopDetector? loops, IRadar? radar)
    {
        for (var i = 0; loops is not null && i < LoopEdgeProcessor.QueueCapacity && loops.TryRead(out var p); i++)
        {
            Add(p);
        }

        for (var i = 0; radar is not null && i < RadarReceiver.QueueCapacity && radar.TryRead(out var r); i++)
        {
            Add(r);
        }
    }

    /// <summary>The sensors' context for a vehicle in <paramref name="lane"/> seen from <paramref name="firstSeen"/>
    /// to <paramref name="lastSeen"/> (monotonic), with the phases of <paramref name="approach"/> over that span.</summary>
    public SensorContext Match(int lane, long firstSeen, long lastSeen, ISignalMonitor? signals = null, string? approach = null)
    {
        LoopPassage? loop;
        RadarReading? radar;
        lock (_gate)
        {
            loop = Nearest(_loops.Where(p => p.Lane == lane), p => p.LeadingOnTimestamp, firstSeen, lastSeen);
            radar = Nearest(_radar.Where(r => r.Lane == lane), r => r.Timestamp, firstSeen, lastSeen);

            // One measurement belongs to one vehicle: once matched it cannot prove a second vehicle's speed
            // (a vehicle the tracker split into two reads must not be fined twice on the same radar shot).
            if (loop is not null)
            {
                _loops.Remove(loop);
            }

            if (radar is not null)
            {
                _radar.Remove(radar);
            }
        }

        var phases = signals is not null && approach is not null ? signals.PhasesBetween(approach, firstSeen, lastSeen) : [];
        return new SensorContext(loop, radar, phases);
    }

    private T? Nearest<T>(IEnumerable<T> items, Func<T, long> at, long from, long to)
        where T : class
    {
        T? best = null;
        var bestGap = TimeSpan.MaxValue;
        foreach (var item in items)
        {
            var t = at(item);
            var gap = t < from ? _time.GetElapsedTime(t, from) : t > to ? _time.GetElapsedTime(to, t) : TimeSpan.Zero;
            if (gap <= _window && gap < bestGap)
            {
                best = item;
                bestGap = gap;
            }
        }

        return best;
    }

    private void Keep<T>(LinkedList<T> list, T item)
    {
        lock (_gate)
        {
            list.AddLast(item);
            while (list.Count > Capacity)
            {
                list.RemoveFirst();
            }
        }
    }
}
