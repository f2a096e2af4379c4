using System.Collections.Concurrent;

namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// The part of every loop detector that is not wiring: routes edges to their lane's tracker and queues the
/// passages (bounded; the oldest is dropped and counted when nobody reads). Thread-safe.
/// </summary>
public sealed class LoopEdgeProcessor
{
    /// <summary>Passages kept for the reader: minutes of traffic on a few lanes.</summary>
    public const int QueueCapacity = 256;

    private readonly Dictionary<int, LoopPairTracker> _trackers;
    private readonly ConcurrentQueue<LoopPassage> _passages = new();
    private readonly Lock _gate = new();

    public LoopEdgeProcessor(LoopsOptions options, TimeProvider time)
    {
        _trackers = options.Pairs.ToDictionary(p => p.Lane, p => new LoopPairTracker(p, options, time, Stats));
    }

    public LoopStats Stats { get; } = new();

    public void Process(LoopEdge edge)
    {
        LoopPassage? passage = null;
        lock (_gate)
        {
            if (!_trackers.TryGetValue(edge.Lane, out var tracker))
            {
                Stats.Stray();
                return;
            }

            if (tracker.TryAdd(edge, out var done))
            {
                passage = done;
            }

            Stats.Occupancy(tracker.Lane, tracker.InProgress);
        }

        if (passage is not null)
        {
            _passages.Enqueue(passage);
            while (_passages.Count > QueueCapacity && _passages.TryDequeue(out _))
            {
                Stats.DroppedOne();
            }
        }
    }

    /// <summary>Abandons passages that are overdue at <paramref name="now"/> (call now and then; edges do it too).</summary>
    public void Expire(long now)
    {
        lock (_gate)
        {
            foreach (var tracker in _trackers.Values)
            {
                tracker.Expire(now);
                Stats.Occupancy(tracker.Lane, tracker.InProgress);
            }
        }
    }

    public bool TryRead(out LoopPassage passage) => _passages.TryDequeue(out passage!);
}
