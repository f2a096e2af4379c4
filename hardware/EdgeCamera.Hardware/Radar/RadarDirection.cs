namespace EdgeCamera.Hardware.Radar;

/// <summary>Which way the target moved relative to the radar (protocol letters A and R).</summary>
public enum RadarDirection
{
    Approaching,
    Receding,
}
