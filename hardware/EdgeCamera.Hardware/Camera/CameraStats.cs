namespace EdgeCamera.Hardware.Camera;

/// <summary>Counters a technician needs to judge the camera link. Thread-safe snapshots.</summary>
public sealed class CameraStats
{
    private long _framesRead;
    private long _framesDropped;
    private long _reconnects;
    private long _lastFrameTicksUtc;

    public long FramesRead => Interlocked.Read(ref _framesRead);

    /// <summary>Frames the pipeline never saw because it was behind (oldest dropped from the queue).</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Times the decoder was restarted after the stream ended, stalled or failed to open.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    public DateTimeOffset? LastFrameUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastFrameTicksUtc);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    internal void FrameRead(DateTimeOffset at)
    {
        Interlocked.Increment(ref _framesRead);
        Interlocked.Exchange(ref _lastFrameTicksUtc, at.UtcTicks);
    }

    internal void FrameDropped() => Interlocked.Increment(ref _framesDropped);

    internal void Reconnected() => Interlocked.Increment(ref _reconnects);
}
