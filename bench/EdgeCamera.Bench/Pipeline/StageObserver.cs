using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Vision;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// The live and offline runs' view of the worker's two stages: per frame read, its latency from the capture stamp to the moment
/// the read stage finished it (and, for the frames that completed a vehicle, that latency per read); frames the
/// queue between the stages dropped; every read emitted, including the tracker's flush at stop. The read stage's
/// calls (<see cref="FrameProcessed"/>, <see cref="VehiclesFlushed"/>) come on one thread; drops on the detect
/// stage's: the capture-stamp span is shared under a lock, the rest is the read thread's alone and is read by the
/// run only after the stages have finished.
/// </summary>
internal sealed class StageObserver(TimeProvider time) : IPipelineObserver
{
    private readonly Lock _span = new();
    private long _firstCapture;
    private long _lastCapture;
    private long _detectedDropped;

    public List<VehicleRead> Emitted { get; } = [];

    public List<double> FrameLatencyMs { get; } = new(4096);

    public List<double> ReadEmitLatencyMs { get; } = [];

    public List<double> LastSeenToReadMs { get; } = [];

    public long DetectedDropped => Interlocked.Read(ref _detectedDropped);

    /// <summary>From the first to the last capture stamp of the frames that left the stages (read or dropped between them).</summary>
    public TimeSpan StreamWall
    {
        get
        {
            lock (_span)
            {
                return time.GetElapsedTime(_firstCapture, _lastCapture);
            }
        }
    }

    public void FrameProcessed(long sequence, long capturedAtTimestamp, ReadOnlySpan<VehicleRead> completed)
    {
        var latency = time.GetElapsedTime(capturedAtTimestamp).TotalMilliseconds;
        Seen(capturedAtTimestamp);
        FrameLatencyMs.Add(latency);
        if (completed.IsEmpty)
        {
            return;
        }

        var nowUtc = time.GetUtcNow();
        foreach (var read in completed)
        {
            ReadEmitLatencyMs.Add(latency);
            LastSeenToReadMs.Add((nowUtc - read.LastSeenUtc).TotalMilliseconds);
            Emitted.Add(read);
        }
    }

    public void DetectedFrameDropped(long sequence, long capturedAtTimestamp)
    {
        Interlocked.Increment(ref _detectedDropped);
        Seen(capturedAtTimestamp);
    }

    public void VehiclesFlushed(ReadOnlySpan<VehicleRead> completed) => Emitted.AddRange(completed);

    private void Seen(long capturedAtTimestamp)
    {
        lock (_span)
        {
            if (_firstCapture == 0 || capturedAtTimestamp < _firstCapture)
            {
                _firstCapture = capturedAtTimestamp;
            }

            _lastCapture = Math.Max(_lastCapture, capturedAtTimestamp);
        }
    }
}
