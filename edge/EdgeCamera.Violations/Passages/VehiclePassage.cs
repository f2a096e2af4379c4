namespace EdgeCamera.Violations.Passages;

/// <summary>
/// One vehicle's passage: what the rules judge. The plate read (canonical text, ISO country, confidence 0–1), the
/// lane when known (else the rules find it from the trajectory), direction, the trajectory of its plate box with
/// frame sequences and monotonic timestamps (<see cref="TimeProvider.GetTimestamp"/> units, the clock of the frames
/// and the sensors), its wall-clock time for schedules and calibration dates, and the sensors' context.
/// </summary>
public sealed record VehiclePassage
{
    public required Guid EventId { get; init; }

    public required string PlateText { get; init; }

    public required string Country { get; init; }

    public required double Confidence { get; init; }

    public int? LaneId { get; init; }

    public PassageDirection Direction { get; init; }

    /// <summary>Oldest first; may be empty when only the best frame is known.</summary>
    public IReadOnlyList<TrajectoryPoint> Trajectory { get; init; } = [];

    public required long FirstSeenTimestamp { get; init; }

    public required long LastSeenTimestamp { get; init; }

    public required DateTimeOffset LastSeenUtc { get; init; }

    public required long FirstFrameSequence { get; init; }

    public required long BestFrameSequence { get; init; }

    public required long LastFrameSequence { get; init; }

    public SensorContext Sensors { get; init; } = SensorContext.None;
}
