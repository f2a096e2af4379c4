namespace EdgeCamera.Vision.Tests;

/// <summary>Grey frames numbered 0, 1, 2… at 25 frames/s, owned (and disposed) by this object.</summary>
internal sealed class SyntheticFrames(int width, int height) : IDisposable
{
    private readonly List<Hardware.Camera.Frame> _frames = [];

    /// <summary>The monotonic timestamp of frame <paramref name="sequence"/>: 25 frames/s from an arbitrary start.</summary>
    public static long TimestampOf(int sequence) => 1_000_000 + (sequence * System.Diagnostics.Stopwatch.Frequency / 25);

    public Hardware.Camera.Frame Next()
    {
        var frame = new Hardware.Camera.Frame(width, height, _frames.Count, DateTimeOffset.UnixEpoch.AddSeconds(_frames.Count / 25.0), TimestampOf(_frames.Count));
        frame.Pixels.Fill(90);
        _frames.Add(frame);
        return frame;
    }

    public void Dispose() => _frames.ForEach(f => f.Dispose());
}
