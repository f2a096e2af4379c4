using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Vision;

/// <summary>Tuning of <see cref="PlateTracker"/>.</summary>
public sealed class TrackerOptions
{
    /// <summary>A track ends after this many consecutive frames without a matching detection (12 ≈ 0.5 s at 25 fps).</summary>
    public int MaxMissedFrames { get; set; } = 12;

    /// <summary>
    /// A track also ends when the camera delivered this many frames since it was last seen, however few of them the
    /// pipeline processed (25 = 1 s at 25 fps). Without it, a starved pipeline that processes one frame in three
    /// kept a track alive across the gap to the next vehicle in the same lane and gave it that vehicle's plate and
    /// sensor readings (seen on the simulated road, 2026-11-25: a 60 km/h car fined for the next car's 118 km/h).
    /// </summary>
    public int MaxGapFrames { get; set; } = 25;

    /// <summary>Minimum box overlap for a detection to continue a track.</summary>
    public double MinIou { get; set; } = 0.1;

    /// <summary>Reads needed before a track is reported.</summary>
    public int MinVotes { get; set; } = 2;

    public int JpegQuality { get; set; } = 85;

    /// <summary>
    /// Without overlap, a detection still continues a track when the centres are closer than this many
    /// box widths (fast vehicles at low frame rates move further than their own width between frames).
    /// </summary>
    public double MaxCentreDistanceWidths { get; set; } = 1.5;

    /// <summary>
    /// A track whose box centre and width both changed less than this share of its first box width over its
    /// life is a fixed sign, not a vehicle (the simulated road has a billboard "0551 234 567" that reads like a
    /// plate; occlusion makes its box jitter by ~7 % of its width, passing plates move several widths).
    /// </summary>
    public double MinMotionWidths { get; set; } = 0.25;

    /// <summary>
    /// A finished track whose text equals (or is part of) the text of a vehicle reported less than this long
    /// before its first sighting is the same vehicle re-acquired after a gap, or a partial read of it,
    /// and is not reported again.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A track is settled once its leading text has this many reads and at least <see cref="SettledShare"/> of the
    /// vote weight; a settled track is read only on every <see cref="SettledReadEveryFrames"/>-th camera frame (so its
    /// best crop still follows an approaching vehicle, and one disagreeing read unsettles it). On the bench clip
    /// (a plate crosses the view in 3–4 s) this cut the recogniser's runs from 1.22 to 0.38 a frame, all 13 plates
    /// still read exactly (bench, 2026-11-26).
    /// </summary>
    [Range(1, 1000)]
    public int SettledVotes { get; set; } = 6;

    /// <summary>Share of the vote weight the leading text needs for <see cref="SettledVotes"/>.</summary>
    [Range(0.5, 1.0)]
    public double SettledShare { get; set; } = 0.9;

    /// <summary>A settled track is read on frames whose sequence number is a multiple of this; 1 reads every frame.</summary>
    [Range(1, 100)]
    public int SettledReadEveryFrames { get; set; } = 4;
}
