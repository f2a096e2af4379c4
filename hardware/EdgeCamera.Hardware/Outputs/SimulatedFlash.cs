namespace EdgeCamera.Hardware.Outputs;

/// <summary>A flash that only counts: what a pulse would have lit is the frame captured with it.</summary>
public sealed class SimulatedFlash : IFlash
{
    private readonly FlashPacer _pacer;

    public SimulatedFlash(FlashOptions options, TimeProvider time)
    {
        _pacer = new FlashPacer(options.MinInterval, time);
    }

    public FlashStats Stats => _pacer.Stats;

    public bool TryPulse() => _pacer.TryAcquire(out _);
}
