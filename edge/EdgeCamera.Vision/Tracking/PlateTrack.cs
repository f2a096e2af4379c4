using System.Buffers;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tracking;

/// <summary>
/// State of one plate across frames: box trajectory (bounded), text votes, and a pooled copy of the best
/// frame's pixels (one buffer per track, reused; returned on dispose).
/// </summary>
internal sealed class PlateTrack : IDisposable
{
    /// <summary>Area ratio (last/first) beyond which the plate is judged to grow or shrink (~7 % in width).</summary>
    private const double AreaChangeRatio = 1.15;

    /// <summary>Horizontal travel, in mean box widths, that makes the motion sideways.</summary>
    private const double SidewaysWidths = 0.5;

    private readonly Dictionary<string, TextVote> _votes = new(StringComparer.Ordinal);
    private readonly TrackTrajectory _trajectory = new(PlateTracker.MaxTrajectoryPoints);
    private byte[]? _bestPixels;
    private FramePixelFormat _bestFormat;
    private int _bestWidth;
    private int _bestHeight;
    private double _bestQuality = double.NegativeInfinity;
    private PixelBox _previousBox;
    private long _previousSequence = -1;
    private long _lastSequence;

    public PlateTrack(long id, Frame frame, PixelBox box)
    {
        Id = id;
        _lastSequence = frame.Sequence - 1; // the first Update makes it the latest sighting
        FirstBox = box;
        LastBox = box;
        FirstSeenUtc = frame.CapturedAtUtc;
        LastSeenUtc = frame.CapturedAtUtc;
    }

    public long Id { get; }

    public PixelBox FirstBox { get; }

    public PixelBox LastBox { get; private set; }

    /// <summary>First and last boxes clear of the frame edge (a plate cut by the edge looks smaller than it is).</summary>
    public PixelBox? FirstInteriorBox { get; private set; }

    public PixelBox? LastInteriorBox { get; private set; }

    public DateTimeOffset FirstSeenUtc { get; }

    public DateTimeOffset LastSeenUtc { get; private set; }

    public int MissedFrames { get; private set; }

    /// <summary>The plate box per observed frame (bounded, thinned evenly when long).</summary>
    public TrackTrajectory Trajectory => _trajectory;

    public int ReadCount { get; private set; }

    public PixelBox BestBox { get; private set; }

    public long BestFrameSequence { get; private set; } = -1;

    public bool HoldsPixels => _bestPixels is not null;

    /// <summary>Largest movement of the box centre or width from the first sighting, in pixels.</summary>
    public double MaxMotionPx { get; private set; }

    public void MarkMissed() => MissedFrames++;

    /// <summary>
    /// Where the plate should be in frame <paramref name="frameSequence"/>: the last box moved on at the velocity of the
    /// last two sightings (per camera frame), so frames the pipeline skipped do not break the track.
    /// </summary>
    public PixelBox PredictAt(long frameSequence)
    {
        long since = frameSequence - _lastSequence;
        long between = _lastSequence - _previousSequence;
        if (_previousSequence < 0 || since <= 0 || between <= 0)
        {
            return LastBox;
        }

        double perFrame = (double)since / between;
        int dx = (int)Math.Round((LastBox.CentreX - _previousBox.CentreX) * perFrame);
        int dy = (int)Math.Round((LastBox.CentreY - _previousBox.CentreY) * perFrame);
        return LastBox with { X = LastBox.X + dx, Y = LastBox.Y + dy };
    }

    public void Update(Frame frame, PixelBox box, PlateText? read)
    {
        if (frame.Sequence > _lastSequence)
        {
            _previousBox = LastBox;
            _previousSequence = _lastSequence;
            _lastSequence = frame.Sequence;
        }

        LastBox = box;
        _trajectory.Add(new TrackPoint(frame.Sequence, frame.CapturedAtTimestamp, box));
        if (IsInterior(box, frame))
        {
            FirstInteriorBox ??= box;
            LastInteriorBox = box;
        }

        LastSeenUtc = frame.CapturedAtUtc;
        MissedFrames = 0;
        MaxMotionPx = Math.Max(MaxMotionPx, Math.Max(box.CentreDistance(FirstBox), Math.Abs(box.Width - FirstBox.Width)));
        if (read is null)
        {
            return;
        }

        ReadCount++;
        ref TextVote vote = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_votes, read.Text, out _);
        vote.Weight += Math.Max(read.Confidence, 0.01f);
        vote.Count++;
        vote.Country = read.Country;
        vote.Halves.Add(read);

        // Bigger plates at higher confidence make the best evidence.
        double quality = read.Confidence * Math.Sqrt(box.Area);
        if (quality > _bestQuality)
        {
            _bestQuality = quality;
            KeepPixels(frame, box);
        }
    }

    /// <summary>Whether the leading text has at least <paramref name="minVotes"/> reads and at least
    /// <paramref name="share"/> of all vote weight (<see cref="TrackerOptions.SettledVotes"/>).</summary>
    public bool IsSettled(int minVotes, double share)
    {
        var (_, lead, total) = Lead();
        return lead.Count >= minVotes && lead.Weight >= share * total;
    }

    /// <summary>The text with the most vote weight so far, or null before the first read.</summary>
    public string? LeadingText => Lead().Text;

    /// <summary>Takes over the votes of a parallel track that followed the same plate.</summary>
    public void Absorb(PlateTrack other)
    {
        foreach ((string candidate, TextVote vote) in other._votes)
        {
            ref TextVote mine = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_votes, candidate, out _);
            mine.Weight += vote.Weight;
            mine.Count += vote.Count;
            mine.Country = vote.Country;
            mine.Halves.Absorb(vote.Halves);
        }

        ReadCount += other.ReadCount;
    }

    public bool TryDecide(int minVotes, out string text, out string country, out float confidence, out int votes)
    {
        var (leader, lead, total) = Lead();
        (text, country, votes, confidence) = (leader ?? string.Empty, lead.Country ?? PlateFormats.UnknownCountry, lead.Count, 0);
        if (ReadCount < minVotes || votes == 0 || BestFrameSequence < 0)
        {
            return false;
        }

        // Agreement (share of the vote weight) times the winner's mean confidence.
        confidence = lead.Weight / total * (lead.Weight / votes);
        return true;
    }

    /// <summary>What the reads of the leading text said about the plate's two halves (<see cref="HalvesVote"/>).</summary>
    public HalvesVote Halves() => Lead().Vote.Halves;

    /// <summary>The text with the most vote weight (the first such, on a tie), its vote, and the weight of all
    /// votes; (null, default, 0) before the first read.</summary>
    private (string? Text, TextVote Vote, float Total) Lead()
    {
        string? leader = null;
        TextVote lead = default;
        float total = 0, weight = -1;
        foreach ((string candidate, TextVote vote) in _votes)
        {
            total += vote.Weight;
            if (vote.Weight > weight)
            {
                (leader, lead, weight) = (candidate, vote, vote.Weight);
            }
        }

        return (leader, lead, total);
    }

    public TravelDirection Direction()
    {
        PixelBox first = FirstInteriorBox ?? FirstBox;
        PixelBox last = LastInteriorBox ?? LastBox;
        double areaRatio = (double)last.Area / Math.Max(1, first.Area);
        if (areaRatio >= AreaChangeRatio)
        {
            return TravelDirection.Approaching;
        }

        if (areaRatio <= 1 / AreaChangeRatio)
        {
            return TravelDirection.Receding;
        }

        double dx = last.CentreX - first.CentreX;
        double meanWidth = (first.Width + last.Width) / 2.0;
        if (Math.Abs(dx) < SidewaysWidths * meanWidth)
        {
            return TravelDirection.Unknown;
        }

        return dx > 0 ? TravelDirection.LeftToRight : TravelDirection.RightToLeft;
    }

    /// <summary>Hands the best observation's pixels to the read's <see cref="EvidenceImages"/> (encoded later, where
    /// the evidence is built); the track keeps none afterwards.</summary>
    public EvidenceImages TakeEvidence(int quality)
    {
        if (_bestPixels is not { } pixels)
        {
            return EvidenceImages.None;
        }

        _bestPixels = null;
        PixelBox crop = BestBox.Inflate(0.1, 0.2).Clamp(_bestWidth, _bestHeight);
        return new EvidenceImages(pixels, _bestWidth, _bestHeight, _bestFormat, crop, quality);
    }

    public void Dispose()
    {
        byte[]? pixels = _bestPixels;
        _bestPixels = null;
        if (pixels is not null)
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>Edge clearance, in pixels, for a box to count as wholly inside the frame.</summary>
    private const int EdgeClearancePx = 2;

    private static bool IsInterior(PixelBox box, Frame frame) =>
        box.X >= EdgeClearancePx && box.Y >= EdgeClearancePx
        && box.Right <= frame.Width - EdgeClearancePx && box.Bottom <= frame.Height - EdgeClearancePx;

    private void KeepPixels(Frame frame, PixelBox box)
    {
        int length = frame.Length;
        if (_bestPixels is null || _bestPixels.Length < length)
        {
            Dispose();
            _bestPixels = ArrayPool<byte>.Shared.Rent(length);
        }

        frame.ReadOnlyPixels.CopyTo(_bestPixels);
        _bestWidth = frame.Width;
        _bestHeight = frame.Height;
        _bestFormat = frame.Format;
        BestBox = box;
        BestFrameSequence = frame.Sequence;
    }

    private struct TextVote
    {
        public float Weight;
        public int Count;
        public string Country;
        public HalvesVote Halves;
    }
}
