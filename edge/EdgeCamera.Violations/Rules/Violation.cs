using EdgeCamera.Hardware.Signals;
using EdgeCamera.Violations.Fines;

namespace EdgeCamera.Violations.Rules;

/// <summary>
/// A violation with the measurements that prove it. Units are in the names. A violation with
/// <see cref="Flags"/> set was withheld: the measurement is kept for the record but it is not enforced.
/// </summary>
public sealed record Violation
{
    /// <summary>The national fines table's code (SPD, RLT, BUS, WWY) or WLH for a watch-list hit.</summary>
    public required string TypeCode { get; init; }

    public required ViolationKind Kind { get; init; }

    public required Guid EventId { get; init; }

    public required string PlateText { get; init; }

    public required string Country { get; init; }

    public int? LaneId { get; init; }

    /// <summary>The speed enforced: the lower of the agreeing sensors' speeds.</summary>
    public double? MeasuredSpeedKmh { get; init; }

    public double? RadarSpeedKmh { get; init; }

    public double? LoopSpeedKmh { get; init; }

    public double? LimitKmh { get; init; }

    public double? ToleranceKmh { get; init; }

    public SignalPhase? SignalPhase { get; init; }

    /// <summary>Time from the start of red to the crossing (the last frame before the stop line).</summary>
    public TimeSpan? TimeSinceRed { get; init; }

    public TimeSpan? AmberGrace { get; init; }

    /// <summary>The certificate id(s) of the device(s) whose measurement is used, comma-separated.</summary>
    public string? CalibrationId { get; init; }

    public IReadOnlyList<FrameRef> Frames { get; init; } = [];

    public ViolationFlags Flags { get; init; }

    /// <summary>The fines-table entry for <see cref="TypeCode"/>, attached by <see cref="ViolationEngine"/>.</summary>
    public FineOptions? Fine { get; init; }

    /// <summary>One line for people: what was measured against what.</summary>
    public string Detail { get; init; } = "";
}
