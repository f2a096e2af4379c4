namespace EdgeCamera.Edge.Pipeline;

/// <summary>What the frame pipeline has done so far (thread-safe counters).</summary>
public sealed class PipelineStats
{
    private long _framesProcessed;
    private long _detections;
    private long _reads;
    private long _settledSkips;
    private long _vehicles;
    private long _detectedDropped;

    public long FramesProcessed => Interlocked.Read(ref _framesProcessed);

    public long Detections => Interlocked.Read(ref _detections);

    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Detections not read because they continued a track whose vote was settled (TrackerOptions.SettledVotes).</summary>
    public long SettledSkips => Interlocked.Read(ref _settledSkips);

    /// <summary>Vehicles reported (one read per vehicle, after the vote).</summary>
    public long Vehicles => Interlocked.Read(ref _vehicles);

    internal void Frame(int detections, int reads, int settledSkips = 0)
    {
        Interlocked.Add(ref _settledSkips, settledSkips);
        Interlocked.Increment(ref _framesProcessed);
        Interlocked.Add(ref _detections, detections);
        Interlocked.Add(ref _reads, reads);
    }

    /// <summary>Frames the detect stage finished that the read stage dropped unread (its queue was full; oldest first).</summary>
    public long DetectedDropped => Interlocked.Read(ref _detectedDropped);

    internal void Vehicle() => Interlocked.Increment(ref _vehicles);

    internal void DroppedDetected() => Interlocked.Increment(ref _detectedDropped);
}
