namespace EdgeCamera.Vision;

/// <summary>
/// One vehicle's plate, decided by the tracker when the vehicle left the picture: the voted text,
/// its share of the votes times their mean confidence, and evidence images of the best observation.
/// </summary>
public sealed record VehicleRead(
    long TrackId,
    string Text,
    string Country,
    float Confidence,
    int Votes,
    PixelBox BestBox,
    long BestFrameSequence,
    DateTimeOffset FirstSeenUtc,
    DateTimeOffset LastSeenUtc,
    TravelDirection Direction,
    byte[] BestFrameJpeg,
    byte[] PlateCropJpeg);
