using EdgeCamera.Vision;

namespace EdgeCamera.Violations.Passages;

/// <summary>
/// Builds a passage from the tracker's <see cref="VehicleRead"/>: from the read's own trajectory (its plate box per
/// observed frame, with frame sequences and monotonic times), or from points the caller passes.
/// </summary>
public static class VehicleReadMapping
{
    /// <summary>The read's own trajectory, first/last frames and monotonic times, with the sensors' context.</summary>
    public static VehiclePassage ToPassage(this VehicleRead read, Guid eventId, SensorContext sensors, int? laneId = null)
    {
        IReadOnlyList<TrajectoryPoint> trajectory =
            [.. read.Trajectory.Select(p => new TrajectoryPoint(p.FrameSequence, p.Timestamp, p.Box.X, p.Box.Y, p.Box.Width, p.Box.Height))];
        return read.ToPassage(eventId, trajectory, sensors, laneId) with
        {
            FirstSeenTimestamp = trajectory.Count > 0 ? trajectory[0].Timestamp : read.FirstSeenTimestamp,
            LastSeenTimestamp = trajectory.Count > 0 ? trajectory[^1].Timestamp : read.LastSeenTimestamp,
        };
    }

    public static VehiclePassage ToPassage(
        this VehicleRead read,
        Guid eventId,
        IReadOnlyList<TrajectoryPoint> trajectory,
        SensorContext sensors,
        int? laneId = null)
    {
        var first = trajectory.Count > 0 ? trajectory[0] : default;
        var last = trajectory.Count > 0 ? trajectory[^1] : default;
        return new VehiclePassage
        {
            EventId = eventId,
            PlateText = read.Text,
            Country = read.Country,
            Confidence = read.Confidence,
            LaneId = laneId,
            Direction = read.Direction switch
            {
                TravelDirection.Approaching => PassageDirection.Approaching,
                TravelDirection.Receding => PassageDirection.Receding,
                _ => PassageDirection.Unknown,
            },
            Trajectory = trajectory,
            FirstSeenTimestamp = first.Timestamp,
            LastSeenTimestamp = last.Timestamp,
            LastSeenUtc = read.LastSeenUtc,
            FirstFrameSequence = trajectory.Count > 0 ? first.FrameSequence : read.BestFrameSequence,
            BestFrameSequence = read.BestFrameSequence,
            LastFrameSequence = trajectory.Count > 0 ? last.FrameSequence : read.BestFrameSequence,
            Sensors = sensors,
        };
    }
}
