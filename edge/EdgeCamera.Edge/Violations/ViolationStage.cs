using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Retention;
using EdgeCamera.Violations.Rules;
using EdgeCamera.Violations.Site;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// What the pipeline does with each decided read: match the roadside sensors to it (lane, time in view), run the
/// rules, and turn each violation (and watch-list hit) into an evidence draft. A read without one is a plain read:
/// kept and sent only when <see cref="ReadRetentionPolicy"/> says so (default: neither). Withheld violations
/// (calibration) are logged and counted, not sent. Called on the pipeline's thread.
/// </summary>
public sealed partial class ViolationStage
{
    private readonly ViolationEngine _engine;
    private readonly SensorMatcher _matcher;
    private readonly RoadsideDevices _devices;
    private readonly LaneLocator _lanes;
    private readonly ReadRetentionPolicy _retention;
    private readonly EvidenceBuilder _evidence;
    private readonly ILogger _log;

    public ViolationStage(
        ViolationEngine engine,
        SensorMatcher matcher,
        RoadsideDevices devices,
        LaneLocator lanes,
        ReadRetentionPolicy retention,
        EvidenceBuilder evidence,
        ILogger<ViolationStage> log)
    {
        if (engine.CodesWithoutFine() is { Count: > 0 } missing)
        {
            throw new InvalidOperationException(
                $"Fines: no entry for violation type(s) {string.Join(", ", missing)}; their violations could not be noticed.");
        }

        _engine = engine;
        _matcher = matcher;
        _devices = devices;
        _lanes = lanes;
        _retention = retention;
        _evidence = evidence;
        _log = log;
    }

    public RuleStats Stats => _engine.Stats;

    /// <summary>The evidence drafts for one read: one per violation, else the plain read when kept, else none.
    /// The first draft carries the read's event id.</summary>
    public IReadOnlyList<EvidenceDraft> Judge(VehicleRead read)
    {
        var eventId = Guid.CreateVersion7(read.LastSeenUtc);
        var passage = OnSensorClock(read).ToPassage(eventId, SensorContext.None) with
        {
            // The tracker's direction comes from the plate's growth, which a track that jumped to a neighbour's plate
            // gets wrong (3 false wrong-way of 12 vehicles in the end-to-end run): the rule judges the trajectory.
            Direction = PassageDirection.Unknown,
        };
        if (_lanes.TryLocate(passage, out var lane))
        {
            passage = InLane(passage, lane);
            _matcher.Drain(_devices.Loops, _devices.Radar);
            passage = passage with
            {
                LaneId = lane.Id,
                Sensors = _matcher.Match(lane.Id, passage.FirstSeenTimestamp, passage.LastSeenTimestamp, _devices.Signals, lane.SignalApproach),
            };
        }

        var drafts = new List<EvidenceDraft>();
        foreach (var outcome in _engine.Evaluate(passage))
        {
            if (outcome.Violation is not { } violation)
            {
                continue;
            }

            if (outcome.Verdict == RuleVerdict.Withheld)
            {
                LogWithheld(_log, eventId, read.Text, violation.TypeCode, outcome.Reason, violation.Detail);
                continue;
            }

            var draft = _evidence.Build(read, ViolationEvidence.ToInfo(violation), drafts.Count == 0 ? eventId : null);
            drafts.Add(draft);
            LogViolation(_log, draft.EventId, read.Text, violation.TypeCode, violation.Detail);
        }

        if (drafts.Count == 0 && _retention.ShouldKeep(isEvidence: false))
        {
            drafts.Add(_evidence.Build(read, eventId));
        }

        return drafts;
    }

    /// <summary>The part of the track inside its lane (at least two points, else all of it): a track that jumped to a
    /// plate in the next lane for its last frames is judged, timed and matched on its own lane's part.</summary>
    private static VehiclePassage InLane(VehiclePassage passage, LaneOptions lane)
    {
        var shape = lane.ToPolygon();
        var inLane = passage.Trajectory.Where(p => shape.Contains(p.Ground)).ToList();
        if (inLane.Count < 2 || inLane.Count == passage.Trajectory.Count)
        {
            return passage;
        }

        return passage with
        {
            Trajectory = inLane,
            FirstSeenTimestamp = inLane[0].Timestamp,
            LastSeenTimestamp = inLane[^1].Timestamp,
            FirstFrameSequence = inLane[0].FrameSequence,
            LastFrameSequence = inLane[^1].FrameSequence,
        };
    }

    /// <summary>Simulated hardware: the frames' times on the clip's clock, as the scenario stamps the sensors.</summary>
    private VehicleRead OnSensorClock(VehicleRead read)
    {
        if (_devices.FrameClock is not { } clock)
        {
            return read;
        }

        return read with
        {
            Trajectory = [.. read.Trajectory.Select(p => p with { Timestamp = clock.TimestampOfFrame(p.FrameSequence) })],
            FirstSeenTimestamp = clock.TimestampOfFrame(read.FirstFrameSequence),
            LastSeenTimestamp = clock.TimestampOfFrame(read.LastFrameSequence),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {EvidenceId}: plate {Plate} {TypeCode} violation: {Detail}")]
    private static partial void LogViolation(ILogger log, Guid evidenceId, string plate, string typeCode, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {EvidenceId}: plate {Plate} {TypeCode} withheld ({Reason}), kept in the log only: {Detail}")]
    private static partial void LogWithheld(ILogger log, Guid evidenceId, string plate, string typeCode, string reason, string detail);
}
