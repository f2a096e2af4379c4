using System.Globalization;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Site;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Violations.Rules;

/// <summary>
/// Speeding, from the radar and/or the lane's loop pair. Both present: they must agree within
/// <see cref="EnforcementOptions.SensorDisagreementKmh"/>, else no violation and a counted, logged discrepancy; when
/// they agree the lower speed is enforced. A violation needs the speed strictly above limit + tolerance for the
/// vehicle's class (unknown class: the lane's highest limit). Every device used must be in calibration on the day,
/// else the violation is withheld with its flags.
/// </summary>
public sealed partial class SpeedingRule : IViolationRule
{
    private readonly LaneLocator _lanes;
    private readonly CalibrationRegister _calibration;
    private readonly EnforcementOptions _options;
    private readonly RuleStats _stats;
    private readonly ILogger _log;

    public SpeedingRule(LaneLocator lanes, CalibrationRegister calibration, EnforcementOptions options, RuleStats stats, ILogger<SpeedingRule> log)
    {
        _lanes = lanes;
        _calibration = calibration;
        _options = options;
        _stats = stats;
        _log = log;
    }

    public string TypeCode => TypeCodes.Speeding;

    public RuleOutcome Evaluate(VehiclePassage passage)
    {
        if (!_lanes.TryLocate(passage, out var lane))
        {
            return RuleOutcome.NotApplicable(TypeCode, "lane unknown");
        }

        var radar = UsableRadar(passage.Sensors.Radar, lane);
        var loop = passage.Sensors.Loop is { } l && l.Lane == lane.Id ? l : null;
        if (radar is null && loop is null)
        {
            return RuleOutcome.NotApplicable(TypeCode, "no speed measurement");
        }

        var lengthClass = loop?.LengthClass ?? VehicleLengthClass.Unknown;
        if (!TryFindLimit(lane, lengthClass, out var limit))
        {
            return RuleOutcome.NotApplicable(TypeCode, $"lane {lane.Id} has no speed limit");
        }

        if (radar is not null && loop is not null && Math.Abs(radar.SpeedKmh - loop.SpeedKmh) > _options.SensorDisagreementKmh)
        {
            _stats.SpeedDiscrepancy();
            LogDiscrepancy(_log, passage.EventId, lane.Id, radar.SpeedKmh, loop.SpeedKmh, _options.SensorDisagreementKmh);
            return RuleOutcome.Compliant(TypeCode, string.Create(
                CultureInfo.InvariantCulture,
                $"sensors disagree: radar {radar.SpeedKmh:0.0} km/h, loops {loop.SpeedKmh:0.0} km/h"));
        }

        var speed = Math.Min(radar?.SpeedKmh ?? double.MaxValue, loop?.SpeedKmh ?? double.MaxValue);
        if (speed <= limit.LimitKmh + limit.ToleranceKmh)
        {
            return RuleOutcome.Compliant(TypeCode, string.Create(
                CultureInfo.InvariantCulture, $"{speed:0.0} km/h within {limit.LimitKmh:0} + {limit.ToleranceKmh:0} km/h"));
        }

        var flags = ViolationFlags.None;
        var certificates = new List<string>();
        foreach (var device in new[] { radar?.DeviceId, loop?.DeviceId }.OfType<string>())
        {
            var status = _calibration.Check(device, passage.LastSeenUtc, out var record);
            flags |= status switch
            {
                CalibrationStatus.Expired => ViolationFlags.CalibrationExpired,
                CalibrationStatus.Unknown => ViolationFlags.CalibrationUnknown,
                CalibrationStatus.NotYetValid => ViolationFlags.CalibrationNotYetValid,
                _ => ViolationFlags.None,
            };
            certificates.Add(record?.CertificateId ?? $"{device}:uncertified");
        }

        var violation = new Violation
        {
            TypeCode = TypeCode,
            Kind = ViolationKind.Offence,
            EventId = passage.EventId,
            PlateText = passage.PlateText,
            Country = passage.Country,
            LaneId = lane.Id,
            MeasuredSpeedKmh = speed,
            RadarSpeedKmh = radar?.SpeedKmh,
            LoopSpeedKmh = loop?.SpeedKmh,
            LimitKmh = limit.LimitKmh,
            ToleranceKmh = limit.ToleranceKmh,
            CalibrationId = string.Join(",", certificates),
            Frames =
            [
                new FrameRef("first", passage.FirstFrameSequence),
                new FrameRef("best", passage.BestFrameSequence),
                new FrameRef("last", passage.LastFrameSequence),
            ],
            Flags = flags,
            Detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{speed:0.0} km/h in lane {lane.Id}, limit {limit.LimitKmh:0} km/h + tolerance {limit.ToleranceKmh:0} km/h ({Sources(radar, loop)})"),
        };

        if (flags != ViolationFlags.None)
        {
            _stats.CalibrationHold();
            LogCalibrationHold(_log, passage.EventId, flags);
            return RuleOutcome.Withheld(violation, $"calibration: {flags}");
        }

        return RuleOutcome.Found(violation);
    }

    private RadarReading? UsableRadar(RadarReading? radar, LaneOptions lane)
    {
        if (radar is null || radar.Lane != lane.Id || radar.QualityPercent < _options.MinRadarQualityPercent)
        {
            return null;
        }

        var expected = lane.Direction == LaneDirection.Approaching ? RadarDirection.Approaching : RadarDirection.Receding;
        return radar.Direction == expected ? radar : null;
    }

    private static bool TryFindLimit(LaneOptions lane, VehicleLengthClass lengthClass, out SpeedLimitOptions limit)
    {
        limit = null!;
        if (lane.SpeedLimits.Count == 0)
        {
            return false;
        }

        var specific = lengthClass == VehicleLengthClass.Unknown ? null
            : lane.SpeedLimits.FirstOrDefault(l => l.VehicleClass == lengthClass)
              ?? lane.SpeedLimits.FirstOrDefault(l => l.VehicleClass is null);

        // Class unknown (no loops): the driver gets the most generous limit of the lane.
        limit = specific ?? lane.SpeedLimits.MaxBy(l => l.LimitKmh + l.ToleranceKmh)!;
        return true;
    }

    private static string Sources(RadarReading? radar, LoopPassage? loop) => (radar, loop) switch
    {
        (not null, not null) => "radar and loops agree",
        (not null, null) => "radar",
        _ => "loops",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {EvidenceId} lane {Lane}: radar {RadarKmh:0.0} km/h and loops {LoopKmh:0.0} km/h disagree by more than {ToleranceKmh} km/h; no speed violation")]
    private static partial void LogDiscrepancy(ILogger log, Guid evidenceId, int lane, double radarKmh, double loopKmh, double toleranceKmh);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {EvidenceId}: speed violation withheld, calibration {Flags}")]
    private static partial void LogCalibrationHold(ILogger log, Guid evidenceId, ViolationFlags flags);
}
