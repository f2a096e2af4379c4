using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Retention;
using EdgeCamera.Violations.Rules;
using EdgeCamera.Violations.Site;
using EdgeCamera.Vision;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// What the pipeline does with each decided read: hold it for <see cref="ViolationStageOptions.PartialReadHold"/> (so the
/// other reads of a vehicle the tracker split are there to compare), drop the violations of a read that is only part
/// of another (<see cref="PartialReadGuard"/>, counted by reason), match the roadside sensors to it (lane, time in view),
/// run the rules, and turn each violation (and watch-list hit) into an evidence draft carrying, as JPEG images, the
/// frames its rule names (<see cref="EvidenceFrameRing"/>). A withheld violation (calibration expired or unknown) is
/// kept flagged in the <see cref="WithheldStore"/>, never sent as an offence; so is an offence whose read is not plausible as
/// a whole plate (<see cref="PlateReadCheck"/>: a fragment, a low confidence), for manual review. A read without a violation is a plain
/// read: kept and sent only when <see cref="ReadRetentionPolicy"/> says so (default: neither). Called on the
/// pipeline's thread (<see cref="Hold"/>, <see cref="TakeDue"/>, <see cref="Judge"/>); the counters are thread-safe.
/// </summary>
public sealed partial class ViolationStage
{
    private readonly ViolationEngine _engine;
    private readonly SensorMatcher _matcher;
    private readonly RoadsideDevices _devices;
    private readonly LaneLocator _lanes;
    private readonly ReadRetentionPolicy _retention;
    private readonly EvidenceBuilder _evidence;
    private readonly EvidenceFrameRing _frames;
    private readonly WithheldStore _withheld;
    private readonly ViolationStageOptions _options;
    private readonly PartialReadGuard _guard;
    private readonly PlateReadCheck _plateCheck;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly List<HeldRead> _held = [];
    private readonly Queue<VehiclePassage> _recent = new();
    private readonly Dictionary<string, long> _partialReads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reviewHolds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ViolationStage(
        ViolationEngine engine,
        SensorMatcher matcher,
        RoadsideDevices devices,
        LaneLocator lanes,
        ReadRetentionPolicy retention,
        EvidenceBuilder evidence,
        EvidenceFrameRing frames,
        WithheldStore withheld,
        IOptions<ViolationStageOptions> options,
        TimeProvider time,
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
        _frames = frames;
        _withheld = withheld;
        _options = options.Value;
        _time = time;
        _log = log;

        // Reads' times are on the sensors' clock (the clip's with a scenario).
        _guard = new PartialReadGuard(_options.PartialReadGap, devices.Clock);
        _plateCheck = new PlateReadCheck(_options.MinimumPlateConfidence, _options.MinimumPlateLength);
    }

    public RuleStats Stats => _engine.Stats;

    /// <summary>Reads whose violations were dropped because they were part of another read, by reason.</summary>
    public IReadOnlyDictionary<string, long> PartialReadsByReason
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_partialReads, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Offences kept for manual review, not fined, because their read is not plausible as a whole plate, by
    /// reason (<see cref="PlateReadCheck.Incomplete"/>, <see cref="PlateReadCheck.LowConfidence"/>).</summary>
    public IReadOnlyDictionary<string, long> ReviewHoldsByReason
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_reviewHolds, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Reads waiting for their hold to end.</summary>
    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Holds a decided read; <see cref="TakeDue"/> judges it once its hold is over.</summary>
    public void Hold(VehicleRead read)
    {
        var held = new HeldRead(read, Prepare(read), _time.GetTimestamp());
        lock (_gate)
        {
            _held.Add(held);
        }
    }

    /// <summary>Judges the held reads whose hold is over, oldest sighting first (<paramref name="all"/>: every held
    /// read, at shutdown). More held reads than <see cref="ViolationStageOptions.PartialReadMemory"/>: the oldest are
    /// judged at once.</summary>
    public void TakeDue(ICollection<JudgedRead> judged, bool all = false)
    {
        var now = _time.GetTimestamp();
        while (true)
        {
            HeldRead? next;
            lock (_gate)
            {
                next = _held
                    .Where(h => all || _held.Count > _options.PartialReadMemory || _time.GetElapsedTime(h.HeldAt, now) >= _options.PartialReadHold)
                    .MinBy(h => h.Passage.LastSeenTimestamp);
                if (next is null)
                {
                    return;
                }

                _held.Remove(next);
            }

            judged.Add(Decide(next.Read, next.Passage));
        }
    }

    /// <summary>Judges a read at once, without a hold: compared only with the reads held or judged before it.
    /// The first draft carries the read's event id.</summary>
    public IReadOnlyList<EvidenceDraft> Judge(VehicleRead read) => Decide(read, Prepare(read)).Drafts;

    /// <summary>The read as a passage on the sensors' clock, in its lane (no sensors matched yet).</summary>
    private VehiclePassage Prepare(VehicleRead read)
    {
        var passage = OnSensorClock(read).ToPassage(Guid.CreateVersion7(read.LastSeenUtc), SensorContext.None) with
        {
            // The tracker's direction comes from the plate's growth, which a track that jumped to a neighbour's plate
            // gets wrong (3 false wrong-way of 12 vehicles in the end-to-end run): the rule judges the trajectory.
            Direction = PassageDirection.Unknown,
        };
        return _lanes.TryLocate(passage, out var lane) ? InLane(passage, lane) with { LaneId = lane.Id } : passage;
    }

    private JudgedRead Decide(VehicleRead read, VehiclePassage passage)
    {
        var eventId = passage.EventId;
        List<VehiclePassage> others;
        lock (_gate)
        {
            others = [.. _held.Select(h => h.Passage), .. _recent];
        }

        var drafts = new List<EvidenceDraft>();
        if (_guard.IsPartial(passage, others, out var fuller, out var why))
        {
            lock (_gate)
            {
                _partialReads[why] = _partialReads.GetValueOrDefault(why) + 1;
            }

            LogPartial(_log, eventId, read.Text, why, fuller.PlateText, fuller.EventId);
        }
        else
        {
            passage = WithSensors(passage);
            foreach (var outcome in _engine.Evaluate(passage))
            {
                LogOutcome(_log, eventId, read.Text, outcome.TypeCode, outcome.Verdict, outcome.Reason, passage.LaneId, passage.Sensors.Loop is not null, passage.Sensors.Radar is not null, passage.Sensors.SignalPhases.Count);
                if (outcome.Violation is not { } violation)
                {
                    continue;
                }

                if (outcome.Verdict == RuleVerdict.Withheld)
                {
                    Withhold(read, violation, outcome.Reason);
                    continue;
                }

                // A fine needs the whole plate: a watch-list hit is reported (never fined), an offence on a fragment or an
                // unsure read goes to manual review.
                if (violation.Kind == ViolationKind.Offence
                    && !_plateCheck.IsEnforceable(read.Text, read.Country, read.Confidence, out var flag, out var reviewReason, out var detail))
                {
                    lock (_gate)
                    {
                        _reviewHolds[reviewReason] = _reviewHolds.GetValueOrDefault(reviewReason) + 1;
                    }

                    Withhold(read, violation with { Flags = violation.Flags | flag }, $"{PlateReadCheck.ReviewReason} ({detail})");
                    continue;
                }

                var draft = Build(read, ViolationEvidence.ToInfo(violation), violation, drafts.Count == 0 ? eventId : null);
                drafts.Add(draft);
                LogViolation(_log, draft.EventId, read.Text, violation.TypeCode, violation.Detail);
            }
        }

        Remember(passage);
        if (drafts.Count == 0 && _retention.ShouldKeep(isEvidence: false))
        {
            drafts.Add(_evidence.Build(read, eventId));
        }

        return new JudgedRead(read, eventId, drafts);
    }

    private VehiclePassage WithSensors(VehiclePassage passage)
    {
        if (passage.LaneId is null || !_lanes.TryLocate(passage, out var lane))
        {
            return passage;
        }

        _matcher.Drain(_devices.Loops, _devices.Radar);
        return passage with
        {
            Sensors = _matcher.Match(lane.Id, passage.FirstSeenTimestamp, passage.LastSeenTimestamp, _devices.Signals, lane.SignalApproach),
        };
    }

    /// <summary>Kept and flagged: the draft it would have been, with its flags as measurements, in the withheld store.</summary>
    private void Withhold(VehicleRead read, Violation violation, string reason)
    {
        var info = ViolationEvidence.ToInfo(violation);
        info = info with
        {
            Measurements = [.. info.Measurements, .. ViolationEvidence.FlagMeasurements(violation.Flags)],
        };
        var draft = Build(read, info, violation, eventId: null);
        _withheld.Add(draft, violation.Flags.ToString(), $"{reason}: {violation.Detail}", _time.GetUtcNow().UtcDateTime);
        LogWithheld(_log, draft.EventId, read.Text, violation.TypeCode, reason, violation.Detail);
    }

    /// <summary>The evidence draft with the frames the rule names (other than the best, which is the package's
    /// full-resolution <c>frame</c>) as JPEG images <c>frame-&lt;role&gt;</c>.</summary>
    private EvidenceDraft Build(VehicleRead read, ViolationInfo info, Violation violation, Guid? eventId)
    {
        var draft = _evidence.Build(read, info, eventId);
        var named = new List<PackageImage>();
        foreach (var frame in violation.Frames.Where(f => f.Role != "best").DistinctBy(f => f.Role))
        {
            if (_frames.TryGet(frame.FrameSequence, out var jpeg))
            {
                named.Add(new PackageImage(ViolationEvidence.FrameImageName(frame.Role), jpeg));
            }
            else
            {
                LogFrameMissing(_log, draft.EventId, frame.Role, frame.FrameSequence);
            }
        }

        return named.Count == 0 ? draft : EvidenceDraft.Create(draft.Manifest, [.. draft.Images, .. named]);
    }

    private void Remember(VehiclePassage passage)
    {
        lock (_gate)
        {
            _recent.Enqueue(passage);
            while (_recent.Count > _options.PartialReadMemory)
            {
                _recent.Dequeue();
            }
        }
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

    private sealed record HeldRead(VehicleRead Read, VehiclePassage Passage, long HeldAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {EvidenceId}: plate {Plate} {TypeCode} violation: {Detail}")]
    private static partial void LogViolation(ILogger log, Guid evidenceId, string plate, string typeCode, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {EvidenceId}: plate {Plate} {TypeCode} withheld ({Reason}), kept flagged on the unit, not issued: {Detail}")]
    private static partial void LogWithheld(ILogger log, Guid evidenceId, string plate, string typeCode, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Vehicle {EvidenceId}: plate {Plate} {TypeCode} {Verdict}: {Reason} (lane {Lane}, loop {Loop}, radar {Radar}, {Phases} signal phases)")]
    private static partial void LogOutcome(ILogger log, Guid evidenceId, string plate, string typeCode, RuleVerdict verdict, string reason, int? lane, bool loop, bool radar, int phases);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle {EvidenceId}: plate {Plate} is a partial read ({Reason}) of {Fuller} ({FullerId}); no violation for it")]
    private static partial void LogPartial(ILogger log, Guid evidenceId, string plate, string reason, string fuller, Guid fullerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {EvidenceId}: frame {Role} ({Sequence}) is no longer in the frame ring; named without its picture")]
    private static partial void LogFrameMissing(ILogger log, Guid evidenceId, string role, long sequence);
}
