namespace EdgeCamera.Hardware.Signals;

/// <summary>What an approach's signal head shows. <see cref="Unknown"/>: no lamp, several lamps, or no input.</summary>
public enum SignalPhase
{
    Unknown,
    Green,
    Amber,
    Red,
}
