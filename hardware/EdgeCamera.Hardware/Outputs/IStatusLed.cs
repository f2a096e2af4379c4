namespace EdgeCamera.Hardware.Outputs;

/// <summary>The cabinet's status LED.</summary>
public interface IStatusLed
{
    LedPattern Pattern { get; }

    void Show(LedPattern pattern);
}
