namespace EdgeCamera.Hardware.Radar;

/// <summary>Why a line from the radar was not accepted (each reason is counted).</summary>
public enum RadarRejection
{
    None,
    Empty,
    Oversized,
    NotAscii,
    NoStart,
    NoChecksum,
    BadChecksum,
    UnknownSentence,
    WrongFieldCount,
    BadLane,
    BadSpeed,
    BadDirection,
    BadQuality,
    BadHeartbeat,
}
