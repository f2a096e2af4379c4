using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Tracking;

namespace EdgeCamera.Vision;

/// <summary>
/// Follows plates across frames (greedy IoU + centre-distance association), votes on each track's text
/// weighted by read confidence, and reports one <see cref="VehicleRead"/> per track once it has been
/// unseen for <see cref="TrackerOptions.MaxMissedFrames"/> frames (or on <see cref="Flush"/>).
/// Holds at most one pooled frame copy per live track. Not thread-safe.
/// </summary>
public sealed class PlateTracker : IDisposable
{
    /// <summary>Most trajectory points a read carries: ~10 s of one vehicle at 25 fps before thinning (a plate crosses
    /// the simulated camera's view in 3–4 s); 256 points are 6 KB per live track.</summary>
    public const int MaxTrajectoryPoints = 256;

    private readonly TrackerOptions _options;
    private readonly List<PlateTrack> _tracks = [];
    private readonly List<(float Score, int Track, int Detection)> _pairs = [];
    private readonly List<bool> _trackMatched = [];
    private readonly List<bool> _detectionMatched = [];
    private readonly Queue<(string Text, DateTimeOffset LastSeenUtc)> _recent = new();
    private long _nextTrackId = 1;

    public PlateTracker(TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Tracks currently followed.</summary>
    public int ActiveTrackCount => _tracks.Count;

    /// <summary>Tracks currently holding a pooled frame copy (for leak checks).</summary>
    public int HeldFrameCount => _tracks.Count(static t => t.HoldsPixels);

    public void Observe(Frame frame, ReadOnlySpan<PlateCandidate> detections, IReadOnlyList<PlateText?> reads, ICollection<VehicleRead> completed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(completed);
        if (reads.Count != detections.Length)
        {
            throw new ArgumentException("There must be one read (or null) per detection.", nameof(reads));
        }

        // Tracks the camera has not shown for too long are over, whether or not the pipeline saw the frames between.
        for (int t = _tracks.Count - 1; t >= 0; t--)
        {
            if (frame.Sequence - _tracks[t].Trajectory.Latest.FrameSequence > _options.MaxGapFrames)
            {
                PlateTrack stale = _tracks[t];
                _tracks.RemoveAt(t);
                Complete(stale, completed);
            }
        }

        Associate(detections, frame.Sequence);
        for (int d = 0; d < detections.Length; d++)
        {
            if (!_detectionMatched[d])
            {
                var track = new PlateTrack(_nextTrackId++, frame, detections[d].Box);
                track.Update(frame, detections[d].Box, reads[d]);
                _tracks.Add(track);
                _trackMatched.Add(true);
            }
        }

        foreach ((_, int t, int d) in _pairs)
        {
            _tracks[t].Update(frame, detections[d].Box, reads[d]);
        }

        for (int t = _tracks.Count - 1; t >= 0; t--)
        {
            if (_trackMatched[t])
            {
                continue;
            }

            PlateTrack track = _tracks[t];
            track.MarkMissed();
            if (track.MissedFrames >= _options.MaxMissedFrames)
            {
                _tracks.RemoveAt(t);
                Complete(track, completed);
            }
        }
    }

    /// <summary>
    /// Whether a detection at <paramref name="box"/> in frame <paramref name="frameSequence"/> is worth a read: false
    /// only when it continues a settled track (<see cref="TrackerOptions.SettledVotes"/>) and the frame is not one of
    /// that track's periodic re-reads. Asked before <see cref="Observe"/>, so the read stage spends the recogniser on
    /// plates whose vote is still open.
    /// </summary>
    public bool NeedsRead(PixelBox box, long frameSequence)
    {
        if (frameSequence % _options.SettledReadEveryFrames == 0)
        {
            return true;
        }

        PlateTrack? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (PlateTrack track in _tracks)
        {
            if (TryScore(track.PredictAt(frameSequence), box, out double score) && score > bestScore)
            {
                (best, bestScore) = (track, score);
            }
        }

        return best is null || !best.IsSettled(_options.SettledVotes, _options.SettledShare);
    }

    public void Flush(ICollection<VehicleRead> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        while (_tracks.Count > 0)
        {
            // Remove before completing so a finished track is never chosen as the twin of another.
            PlateTrack track = _tracks[^1];
            _tracks.RemoveAt(_tracks.Count - 1);
            Complete(track, completed);
        }
    }

    /// <summary>Drops all tracks without reporting them and returns their pooled buffers.</summary>
    public void Dispose()
    {
        foreach (PlateTrack track in _tracks)
        {
            track.Dispose();
        }

        _tracks.Clear();
    }

    /// <summary>
    /// Greedy matching: best-scoring (track, detection) pairs first, each side used once. A track is compared where
    /// its motion says it should be now, so skipped frames and fast vehicles keep their tracks.
    /// </summary>
    private void Associate(ReadOnlySpan<PlateCandidate> detections, long frameSequence)
    {
        _pairs.Clear();
        for (int t = 0; t < _tracks.Count; t++)
        {
            PixelBox last = _tracks[t].PredictAt(frameSequence);
            for (int d = 0; d < detections.Length; d++)
            {
                if (TryScore(last, detections[d].Box, out double score))
                {
                    _pairs.Add(((float)score, t, d));
                }
            }
        }

        _pairs.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        Reset(_trackMatched, _tracks.Count);
        Reset(_detectionMatched, detections.Length);
        int kept = 0;
        for (int i = 0; i < _pairs.Count; i++)
        {
            (float score, int t, int d) = _pairs[i];
            if (_trackMatched[t] || _detectionMatched[d])
            {
                continue;
            }

            _trackMatched[t] = true;
            _detectionMatched[d] = true;
            _pairs[kept++] = (score, t, d);
        }

        _pairs.RemoveRange(kept, _pairs.Count - kept);
    }

    /// <summary>How well a detection continues a track predicted at <paramref name="predicted"/>: box overlap plus
    /// centre closeness within the gate; false when it is neither overlapping enough nor close enough.</summary>
    private bool TryScore(PixelBox predicted, PixelBox box, out double score)
    {
        double iou = predicted.Iou(box);
        double gate = _options.MaxCentreDistanceWidths * Math.Max(predicted.Width, box.Width);
        double closeness = 1 - (predicted.CentreDistance(box) / Math.Max(1, gate));
        score = iou + Math.Max(0, closeness);
        return iou >= _options.MinIou || closeness > 0;
    }

    private bool IsRecentDuplicate(string text, DateTimeOffset firstSeenUtc)
    {
        while (_recent.Count > 0 && _recent.Peek().LastSeenUtc < firstSeenUtc - _options.DuplicateWindow)
        {
            _recent.Dequeue();
        }

        foreach ((string recentText, DateTimeOffset lastSeen) in _recent)
        {
            if (recentText.Contains(text, StringComparison.Ordinal) && lastSeen >= firstSeenUtc - _options.DuplicateWindow)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Boxes of one plate: at least half of the smaller one lies inside the other.</summary>
    private static bool Overlaps(PixelBox a, PixelBox b) =>
        a.Intersect(b).Area >= 0.5 * Math.Min(a.Area, b.Area);

    private static void Reset(List<bool> flags, int count)
    {
        flags.Clear();
        for (int i = 0; i < count; i++)
        {
            flags.Add(false);
        }
    }

    private void Complete(PlateTrack track, ICollection<VehicleRead> completed)
    {
        try
        {
            if (track.MaxMotionPx < _options.MinMotionWidths * track.FirstBox.Width)
            {
                return;
            }

            // A parallel track on the same plate (the detector split it for a while) inherits the votes.
            string? leading = track.LeadingText;
            PlateTrack? twin = leading is null ? null : _tracks.Find(t => t != track && (t.LeadingText == leading || Overlaps(t.LastBox, track.LastBox)));
            if (twin is not null)
            {
                twin.Absorb(track);
                return;
            }

            if (!track.TryDecide(_options.MinVotes, out string text, out string country, out float confidence, out int votes)
                || IsRecentDuplicate(text, track.FirstSeenUtc))
            {
                return;
            }

            _recent.Enqueue((text, track.LastSeenUtc));

            TrackTrajectory trajectory = track.Trajectory;
            HalvesVote halves = track.Halves();
            completed.Add(new VehicleRead(
                track.Id, text, country, confidence, votes, track.BestBox, track.BestFrameSequence,
                track.FirstSeenUtc, track.LastSeenUtc, track.Direction(), track.TakeEvidence(_options.JpegQuality))
            {
                Trajectory = trajectory.ToArray(),
                FirstFrameSequence = trajectory.First.FrameSequence,
                LastFrameSequence = trajectory.Latest.FrameSequence,
                FirstSeenTimestamp = trajectory.First.Timestamp,
                LastSeenTimestamp = trajectory.Latest.Timestamp,
                HalvesAgree = halves.Agree,
                ArabicHalf = halves.ArabicHalf(text),
                ArabicScript = halves.ArabicScript(text),
            });
        }
        finally
        {
            track.Dispose();
        }
    }
}
