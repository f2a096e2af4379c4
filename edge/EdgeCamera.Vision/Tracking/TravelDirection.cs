namespace EdgeCamera.Vision;

/// <summary>How a vehicle moved through the picture, judged from its plate box.</summary>
public enum TravelDirection
{
    Unknown,
    Approaching,
    Receding,
    LeftToRight,
    RightToLeft,
}
