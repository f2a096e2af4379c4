using System.Collections.Concurrent;

namespace EdgeCamera.Hardware.Loops;

/// <summary>What the loop pairs did, for the technician. Thread-safe counters.</summary>
public sealed class LoopStats
{
    private long _passages;
    private long _abandoned;
    private long _inconsistent;
    private long _strayEdges;
    private long _dropped;
    private readonly ConcurrentDictionary<int, LoopPassage> _lastByLane = new();
    private readonly ConcurrentDictionary<int, bool> _occupiedByLane = new();

    /// <summary>Vehicles measured.</summary>
    public long Passages => Interlocked.Read(ref _passages);

    /// <summary>Passages that did not complete within the time limit (a stuck or dead loop shows up here).</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <summary>Passages whose rising-edge and falling-edge speeds disagreed.</summary>
    public long Inconsistent => Interlocked.Read(ref _inconsistent);

    /// <summary>Edges that fit no passage (trailing loop first, a repeated edge, an unknown lane).</summary>
    public long StrayEdges => Interlocked.Read(ref _strayEdges);

    /// <summary>Passages nobody read before the queue filled (oldest dropped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The last vehicle a lane's pair measured; false before the first.</summary>
    public bool TryGetLastPassage(int lane, out LoopPassage passage) => _lastByLane.TryGetValue(lane, out passage!);

    /// <summary>Whether a vehicle is over the lane's pair now (a passage begun and not yet complete).</summary>
    public bool IsOccupied(int lane) => _occupiedByLane.TryGetValue(lane, out var occupied) && occupied;

    internal void Passage() => Interlocked.Increment(ref _passages);

    internal void Measured(LoopPassage passage) => _lastByLane[passage.Lane] = passage;

    internal void Occupancy(int lane, bool occupied) => _occupiedByLane[lane] = occupied;

    internal void AbandonedOne() => Interlocked.Increment(ref _abandoned);

    internal void InconsistentOne() => Interlocked.Increment(ref _inconsistent);

    internal void Stray() => Interlocked.Increment(ref _strayEdges);

    internal void DroppedOne() => Interlocked.Increment(ref _dropped);
}
