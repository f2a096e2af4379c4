namespace EdgeCamera.Vision;

/// <summary>Where a track's plate box was in one observed frame: the frame's sequence, its monotonic capture time
/// (<see cref="TimeProvider.GetTimestamp"/> units, the clock of the roadside sensors) and the box (pixels).</summary>
public readonly record struct TrackPoint(long FrameSequence, long Timestamp, PixelBox Box);
