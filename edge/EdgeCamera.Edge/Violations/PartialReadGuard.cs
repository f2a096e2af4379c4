using EdgeCamera.Violations.Passages;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// Tells when a read is only part of another read of the same vehicle: the tracker sometimes splits one plate into a
/// full read and partial ones (7977750 with 7977 and 775). Compared with another read of the same lane whose time in
/// view overlaps or lies within <c>gap</c> (sensor clock), a read is partial when
/// its text is a strict substring of the other's (<see cref="Substring"/>); or it is shorter and in a frame both were
/// seen its plate box lies on the other's box grown by one box height (<see cref="OverlappingTrack"/>); or the other has
/// the same text and a better claim to it, i.e. higher confidence, else seen earlier (<see cref="Duplicate"/>).
/// Reads without a lane are never judged partial.
/// </summary>
public sealed class PartialReadGuard(TimeSpan gap, TimeProvider clock)
{
    public const string Substring = "substring";
    public const string OverlappingTrack = "overlapping-track";
    public const string Duplicate = "duplicate";

    public bool IsPartial(VehiclePassage read, IEnumerable<VehiclePassage> others, out VehiclePassage fuller, out string reason)
    {
        foreach (var other in others)
        {
            if (other.EventId == read.EventId || read.LaneId is null || other.LaneId != read.LaneId || !Near(read, other))
            {
                continue;
            }

            if (other.PlateText.Length > read.PlateText.Length && other.PlateText.Contains(read.PlateText, StringComparison.Ordinal))
            {
                (fuller, reason) = (other, Substring);
                return true;
            }

            if (other.PlateText.Length > read.PlateText.Length && SharesPlace(read, other))
            {
                (fuller, reason) = (other, OverlappingTrack);
                return true;
            }

            if (string.Equals(other.PlateText, read.PlateText, StringComparison.Ordinal)
                && (other.Confidence > read.Confidence || (other.Confidence == read.Confidence && other.FirstSeenTimestamp < read.FirstSeenTimestamp)))
            {
                (fuller, reason) = (other, Duplicate);
                return true;
            }
        }

        (fuller, reason) = (null!, "");
        return false;
    }

    /// <summary>Times in view overlap or lie within the gap.</summary>
    private bool Near(VehiclePassage a, VehiclePassage b)
    {
        if (a.FirstSeenTimestamp <= b.LastSeenTimestamp && b.FirstSeenTimestamp <= a.LastSeenTimestamp)
        {
            return true;
        }

        var between = a.LastSeenTimestamp < b.FirstSeenTimestamp
            ? clock.GetElapsedTime(a.LastSeenTimestamp, b.FirstSeenTimestamp)
            : clock.GetElapsedTime(b.LastSeenTimestamp, a.FirstSeenTimestamp);
        return between <= gap;
    }

    /// <summary>In some frame both were seen, the read's box touches the other's box grown by the other's height.</summary>
    private static bool SharesPlace(VehiclePassage read, VehiclePassage other)
    {
        var theirs = new Dictionary<long, TrajectoryPoint>();
        foreach (var q in other.Trajectory)
        {
            theirs.TryAdd(q.FrameSequence, q);
        }

        foreach (var p in read.Trajectory)
        {
            if (theirs.TryGetValue(p.FrameSequence, out var q)
                && p.X < q.X + q.Width + q.Height && q.X - q.Height < p.X + p.Width
                && p.Y < q.Y + (2 * q.Height) && q.Y - q.Height < p.Y + p.Height)
            {
                return true;
            }
        }

        return false;
    }
}
