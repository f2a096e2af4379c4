namespace EdgeCamera.Edge.Violations;

/// <summary>
/// The clip's clock, for simulated hardware: time is the number of frames the camera has read in this session ÷ the
/// clip's frame rate, so a scenario event at clip time t is stamped exactly as the frame the camera showed at t,
/// however late the decoder delivers frames on a busy machine (arrival times drift seconds behind the stream under
/// load, measured in the end-to-end test). The pump sets the frame count; the player, the simulated loops and the
/// <see cref="ViolationStage"/> (for the trajectory's frames) read it. Same frequency as the system clock.
/// </summary>
public sealed class SimulatedFrameClock : TimeProvider
{
    private readonly long _base = System.GetTimestamp();
    private readonly int _fps;
    private long _sessionFirstSequence;
    private long _clipFrame;

    public SimulatedFrameClock(int fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _fps = fps;
    }

    public override long TimestampFrequency => System.TimestampFrequency;

    public override long GetTimestamp() => ClipTimestamp(Interlocked.Read(ref _clipFrame));

    /// <summary>A camera session begins: its first frame has sequence <paramref name="firstSequence"/> and is clip frame 0.</summary>
    public void BeginSession(long firstSequence)
    {
        Interlocked.Exchange(ref _sessionFirstSequence, firstSequence);
        Interlocked.Exchange(ref _clipFrame, 0);
    }

    /// <summary>The camera has read up to frame <paramref name="latestSequence"/>.</summary>
    public void Advance(long latestSequence)
    {
        var frame = latestSequence - Interlocked.Read(ref _sessionFirstSequence);
        if (frame > Interlocked.Read(ref _clipFrame))
        {
            Interlocked.Exchange(ref _clipFrame, frame);
        }
    }

    /// <summary>The clip-clock timestamp of the frame with camera sequence <paramref name="sequence"/>.</summary>
    public long TimestampOfFrame(long sequence) => ClipTimestamp(sequence - Interlocked.Read(ref _sessionFirstSequence));

    private long ClipTimestamp(long clipFrame) => _base + (clipFrame * TimestampFrequency / _fps);
}
