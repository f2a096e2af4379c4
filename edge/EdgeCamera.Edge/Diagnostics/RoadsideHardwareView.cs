using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Site;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// The "Roadside hardware" panel's data: loop pairs, signal phases, radar, tamper switch and IR flash of the
/// <see cref="RoadsideDevices"/>, and the calibration certificate of every measuring device. A device that is not
/// fitted (<see cref="HardwareMode.None"/>) reads "not-fitted".
/// </summary>
public sealed class RoadsideHardwareView(
    RoadsideDevices devices,
    IOptions<LoopsOptions> loops,
    IOptions<CalibrationOptions> calibration,
    CalibrationRegister register,
    SiteClock siteClock,
    TimeProvider time)
{
    /// <summary>A certificate this close to its last day is shown as "expires in N days" (our choice: a month's notice
    /// to book the metrology lab).</summary>
    public static readonly int ExpiryWarningDays = 30;

    private const string NotFitted = "not-fitted";

    public object Hardware() => new
    {
        mode = devices.Mode.ToString(),
        loops = Loops(),
        signal = Signals(),
        radar = Radar(),
        tamper = Tamper(),
        irFlash = Flash(),
    };

    public object Calibration()
    {
        if (devices.Mode == HardwareMode.None)
        {
            return NotFitted;
        }

        var now = time.GetUtcNow();
        var today = siteClock.LocalDate(now);
        return calibration.Value.Devices.Select(d => (Record: d, Status: register.Check(d.DeviceId, now, out _), DaysLeft: d.ExpiresOn.DayNumber - today.DayNumber)).Select(c => new
        {
            deviceId = c.Record.DeviceId,
            certificateId = c.Record.CertificateId,
            authority = c.Record.Authority,
            calibratedOn = c.Record.CalibratedOn,
            expiresOn = c.Record.ExpiresOn,
            status = c.Status switch
            {
                CalibrationStatus.Valid => "valid",
                CalibrationStatus.Expired => "expired",
                CalibrationStatus.NotYetValid => "not-yet-valid",
                _ => "unknown",
            },
            daysLeft = c.DaysLeft,
            expiresSoon = c.Status == CalibrationStatus.Valid && c.DaysLeft <= ExpiryWarningDays,
        }).ToList();
    }

    private object Loops()
    {
        if (devices.Loops is not { } detector)
        {
            return NotFitted;
        }

        var stats = detector.Stats;
        return new
        {
            lanes = loops.Value.Pairs.OrderBy(p => p.Lane).Select(p => new
            {
                lane = p.Lane,
                deviceId = p.DeviceId,
                occupied = stats.IsOccupied(p.Lane),
                last = stats.TryGetLastPassage(p.Lane, out var passage)
                    ? new
                    {
                        speedKmh = Math.Round(passage.SpeedKmh, 1),
                        lengthMetres = Math.Round(passage.VehicleLengthMetres, 1),
                        lengthClass = passage.LengthClass.ToString(),
                        ageS = AgeS(passage.TrailingOffTimestamp),
                    }
                    : null,
            }).ToList(),
            passages = stats.Passages,
            strayEdges = stats.StrayEdges,
            inconsistent = stats.Inconsistent,
            abandoned = stats.Abandoned,
            dropped = stats.Dropped,
        };
    }

    private object Signals()
    {
        if (devices.Signals is not { } monitor)
        {
            return NotFitted;
        }

        return monitor.Approaches.Order(StringComparer.Ordinal).Select(a => monitor.TryRead(a, out var state)
            ? new { approach = a, phase = state.Phase.ToString(), sinceS = (double?)AgeS(state.SinceTimestamp) }
            : new { approach = a, phase = "unknown", sinceS = (double?)null }).ToList();
    }

    private object Radar()
    {
        if (devices.Radar is not { } radar)
        {
            return NotFitted;
        }

        var stats = radar.Stats;
        var last = stats.LastReading;
        return new
        {
            last = last is null ? null : new
            {
                deviceId = last.DeviceId,
                lane = last.Lane,
                speedKmh = Math.Round(last.SpeedKmh, 1),
                direction = last.Direction.ToString(),
                qualityPercent = last.QualityPercent,
                ageS = AgeS(last.Timestamp),
            },
            readings = stats.Readings,
            heartbeats = stats.Heartbeats,
            rejected = stats.RejectedTotal,
            dropped = stats.Dropped,
        };
    }

    private object Tamper()
    {
        if (devices.Tamper is not { } tamper)
        {
            return NotFitted;
        }

        return tamper.TryRead(out var state)
            ? new { door = state.Door.ToString(), openings = state.Openings, sinceS = AgeS(state.SinceTimestamp) }
            : new { door = "unknown", openings = 0, sinceS = (double?)null };
    }

    private object Flash()
    {
        if (devices.Flash is not { } flash)
        {
            return NotFitted;
        }

        var stats = flash.Stats;
        var lastAgeS = stats.Pulses == 0 ? (double?)null : Math.Round(Math.Max(0, time.GetElapsedTime(stats.LastPulseTimestamp).TotalSeconds), 1);
        return new
        {
            kind = devices.Mode == HardwareMode.Simulated ? "simulated" : "gpio",
            pulses = stats.Pulses,
            refused = stats.Refused,
            lastPulseUtc = lastAgeS is { } age ? time.GetUtcNow() - TimeSpan.FromSeconds(age) : (DateTimeOffset?)null,
        };
    }

    /// <summary>Seconds since a sensor's monotonic <paramref name="timestamp"/> on the sensors' clock (never negative:
    /// the clip's clock starts again with each camera session).</summary>
    private double AgeS(long timestamp) => Math.Round(Math.Max(0, devices.Clock.GetElapsedTime(timestamp).TotalSeconds), 1);
}
