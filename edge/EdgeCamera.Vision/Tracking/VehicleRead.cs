namespace EdgeCamera.Vision;

/// <summary>
/// One vehicle's plate, decided by the tracker when the vehicle left the picture: the voted text,
/// its share of the votes times their mean confidence, evidence images of the best observation (encoded when first
/// asked for), and the plate box's trajectory with frame sequences and monotonic times (what the violation rules measure).
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
    EvidenceImages Images)
{
    /// <summary>The best observation's whole frame as JPEG (encoded on first use: <see cref="EvidenceImages"/>).</summary>
    public byte[] BestFrameJpeg => Images.FrameJpeg;

    /// <summary>The plate crop as JPEG (encoded on first use).</summary>
    public byte[] PlateCropJpeg => Images.CropJpeg;

    /// <summary>The plate box per observed frame, oldest first; at most <see cref="PlateTracker.MaxTrajectoryPoints"/>
    /// points (a longer track is thinned evenly, its first and last observations always kept).</summary>
    public IReadOnlyList<TrackPoint> Trajectory { get; init; } = [];

    public long FirstFrameSequence { get; init; }

    public long LastFrameSequence { get; init; }

    /// <summary>Monotonic capture time of the first and last observed frames (<see cref="TimeProvider.GetTimestamp"/> units).</summary>
    public long FirstSeenTimestamp { get; init; }

    public long LastSeenTimestamp { get; init; }

    /// <summary>Whether the plate's Arabic half said the same as its Latin half over the vehicle's reads of the
    /// decided text: true, false (a confident mismatch in several frames: a possible cloned or forged plate) or null
    /// (no Arabic half read, or never compared); see HalvesVote.</summary>
    public bool? HalvesAgree { get; init; }

    /// <summary>The Arabic half as read (canonical Latin transliteration) and in Arabic script; null without one.</summary>
    public string? ArabicHalf { get; init; }

    public string? ArabicScript { get; init; }
}
