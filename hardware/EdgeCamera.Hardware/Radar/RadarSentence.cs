namespace EdgeCamera.Hardware.Radar;

/// <summary>A parsed radar line: a speed measurement (<c>$SPD</c>) or a heartbeat (<c>$HBT</c>).</summary>
public readonly record struct RadarSentence(
    RadarSentenceKind Kind,
    int Lane,
    double SpeedKmh,
    RadarDirection Direction,
    int QualityPercent,
    int HeartbeatCounter);

public enum RadarSentenceKind
{
    Speed,
    Heartbeat,
}
