using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Violations.Rules;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// A rule's violation as the evidence manifest carries it: type code and the fines table's description, lane,
/// calibration certificate(s), and the measurements that prove it (units as UCUM-style symbols). The frames the rule
/// names go in as measurements <c>frame.&lt;role&gt;</c> with the frame's sequence number (unit <c>{frame}</c>) and,
/// where the frame ring still holds them, as JPEG images <c>frame-&lt;role&gt;</c> (<see cref="FrameImageName"/>); the
/// best frame's picture is the package's full-resolution <c>frame</c> image.
/// </summary>
public static class ViolationEvidence
{
    public const string WatchListHitDescription = "Watch-list hit";

    /// <summary>The package's image name for the frame a rule names in <paramref name="role"/> ("before", "at", …).</summary>
    public static string FrameImageName(string role) => $"frame-{role}";

    /// <summary>A withheld violation's flags as measurements <c>flag.&lt;Flag&gt;</c> = 1 (unit <c>{bool}</c>).</summary>
    public static IEnumerable<Measurement> FlagMeasurements(ViolationFlags flags) =>
        Enum.GetValues<ViolationFlags>()
            .Where(f => f != ViolationFlags.None && flags.HasFlag(f))
            .Select(f => new Measurement($"flag.{f}", 1, "{bool}"));

    public static ViolationInfo ToInfo(Violation v)
    {
        var measurements = new List<Measurement>();
        void Add(string name, double? value, string unit)
        {
            if (value is { } x)
            {
                measurements.Add(new Measurement(name, Math.Round(x, 3), unit));
            }
        }

        Add("speed", v.MeasuredSpeedKmh, "km/h");
        Add("radarSpeed", v.RadarSpeedKmh, "km/h");
        Add("loopSpeed", v.LoopSpeedKmh, "km/h");
        Add("speedLimit", v.LimitKmh, "km/h");
        Add("speedTolerance", v.ToleranceKmh, "km/h");
        Add("signalPhaseRed", v.SignalPhase is { } phase ? (phase == Hardware.Signals.SignalPhase.Red ? 1 : 0) : null, "{bool}");
        Add("timeSinceRed", v.TimeSinceRed?.TotalSeconds, "s");
        Add("amberGrace", v.AmberGrace?.TotalSeconds, "s");
        foreach (var frame in v.Frames)
        {
            measurements.Add(new Measurement($"frame.{frame.Role}", frame.FrameSequence, "{frame}"));
        }

        var description = v.Fine?.DescriptionEn
            ?? (v.Kind == ViolationKind.WatchListHit ? WatchListHitDescription : v.TypeCode);
        return new ViolationInfo(v.TypeCode, description)
        {
            Lane = v.LaneId,
            CalibrationId = v.CalibrationId,
            Measurements = measurements,
        };
    }
}
