namespace EdgeCamera.Hardware.Radar;

/// <summary>What came over the radar link: accepted readings, heartbeats and rejected lines by reason. Thread-safe.</summary>
public sealed class RadarStats
{
    private readonly long[] _rejected = new long[Enum.GetValues<RadarRejection>().Length];
    private long _readings;
    private long _heartbeats;
    private long _dropped;
    private long _lastHeartbeatTimestamp;
    private RadarReading? _lastReading;

    public long Readings => Interlocked.Read(ref _readings);

    public long Heartbeats => Interlocked.Read(ref _heartbeats);

    /// <summary>Readings nobody took before the queue filled (oldest dropped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Monotonic time of the last heartbeat, 0 before the first: a silent radar is a dead link.</summary>
    public long LastHeartbeatTimestamp => Interlocked.Read(ref _lastHeartbeatTimestamp);

    /// <summary>The last accepted reading (whether or not it has been taken since); null before the first.</summary>
    public RadarReading? LastReading => Volatile.Read(ref _lastReading);

    public long RejectedTotal => _rejected.Sum(n => Interlocked.Read(ref n));

    public long Rejected(RadarRejection reason) => Interlocked.Read(ref _rejected[(int)reason]);

    internal void Reading(RadarReading reading)
    {
        Volatile.Write(ref _lastReading, reading);
        Interlocked.Increment(ref _readings);
    }

    internal void Heartbeat(long at)
    {
        Interlocked.Increment(ref _heartbeats);
        Interlocked.Exchange(ref _lastHeartbeatTimestamp, at);
    }

    internal void Reject(RadarRejection reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    internal void DroppedOne() => Interlocked.Increment(ref _dropped);
}
