namespace EdgeCamera.Hardware.Outputs;

/// <summary>A status LED that remembers what it was told to show (for the simulated unit and its status page).</summary>
public sealed class SimulatedStatusLed : IStatusLed
{
    private volatile int _pattern;

    public LedPattern Pattern => (LedPattern)_pattern;

    public void Show(LedPattern pattern) => _pattern = (int)pattern;
}
