namespace EdgeCamera.Hardware.Radar;

/// <summary>The speed radar: measured targets, oldest first.</summary>
public interface IRadar
{
    bool TryRead(out RadarReading reading);

    RadarStats Stats { get; }
}
