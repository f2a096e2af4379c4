using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Hardware.Tamper;

namespace EdgeCamera.Hardware.Scenario;

/// <summary>
/// Plays a scenario into the simulated devices. <see cref="Pump"/> delivers everything due by now; each delivery is
/// stamped with the time it was scheduled for, not the time it was pumped, so the measurements are exact however
/// often the host pumps (a timer every few tens of milliseconds is plenty). A vehicle becomes four loop edges, from
/// the lane's loop geometry, and one radar sentence when its front is at the trailing loop.
/// </summary>
public sealed class ScenarioPlayer
{
    /// <summary>The radar's quality figure for simulated targets (0–99 in the protocol).</summary>
    public const int SimulatedQualityPercent = 90;

    private const double KmhPerMetrePerSecond = 3.6; // 3600 s/h ÷ 1000 m/km

    private readonly SimulationScenario _scenario;
    private readonly TimeProvider _time;
    private readonly SimulatedLoopDetector? _loops;
    private readonly SimulatedRadar? _radar;
    private readonly SimulatedSignalMonitor? _signals;
    private readonly SimulatedTamperSwitch? _tamper;
    private readonly List<(TimeSpan At, Action<long> Run)> _actions;
    private long _start;
    private bool _started;
    private int _cycle;
    private int _next;

    public ScenarioPlayer(
        SimulationScenario scenario,
        TimeProvider time,
        SimulatedLoopDetector? loops = null,
        SimulatedRadar? radar = null,
        SimulatedSignalMonitor? signals = null,
        SimulatedTamperSwitch? tamper = null)
    {
        _scenario = scenario;
        _time = time;
        _loops = loops;
        _radar = radar;
        _signals = signals;
        _tamper = tamper;
        _actions = [.. scenario.Ordered.SelectMany(Expand).OrderBy(a => a.At)];
    }

    /// <summary>Monotonic time the scenario started (valid after <see cref="Start"/>).</summary>
    public long StartTimestamp => _start;

    public void Start()
    {
        _start = _time.GetTimestamp();
        _started = true;
        _cycle = 0;
        _next = 0;
    }

    /// <summary>The monotonic timestamp of a moment <paramref name="sinceStart"/> after the start.</summary>
    public long TimestampAt(TimeSpan sinceStart) =>
        _start + (long)Math.Round(sinceStart.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Delivers what is due; returns how many deliveries it made (at most <paramref name="maxDeliveries"/>).</summary>
    public int Pump(int maxDeliveries = 10_000)
    {
        if (!_started || _actions.Count == 0)
        {
            return 0;
        }

        var elapsed = _time.GetElapsedTime(_start, _time.GetTimestamp());
        var delivered = 0;
        while (delivered < maxDeliveries)
        {
            if (_next == _actions.Count)
            {
                if (!_scenario.Repeat || _scenario.Duration <= TimeSpan.Zero)
                {
                    break;
                }

                _cycle++;
                _next = 0;
            }

            var (at, run) = _actions[_next];
            var due = (_scenario.Duration * _cycle) + at;
            if (due > elapsed)
            {
                break;
            }

            run(TimestampAt(due));
            _next++;
            delivered++;
        }

        return delivered;
    }

    private IEnumerable<(TimeSpan At, Action<long> Run)> Expand(ScenarioEvent e)
    {
        switch (e)
        {
            case SignalPhaseEvent s when _signals is not null:
                yield return (s.At, ts => _signals.Set(s.Approach, s.Phase, ts));
                break;
            case TamperEvent t when _tamper is not null:
                yield return (t.At, ts => _tamper.Set(t.Door, ts));
                break;
            case VehiclePassEvent v when v.SpeedKmh > 0:
                foreach (var action in ExpandVehicle(v))
                {
                    yield return action;
                }

                break;
            default:
                break;
        }
    }

    private IEnumerable<(TimeSpan At, Action<long> Run)> ExpandVehicle(VehiclePassEvent v)
    {
        var metresPerSecond = v.SpeedKmh / KmhPerMetrePerSecond;
        TimeSpan After(double metres) => v.At + TimeSpan.FromSeconds(metres / metresPerSecond);
        var pair = _loops?.Options.Pairs.FirstOrDefault(p => p.Lane == v.Lane);
        var spacing = pair?.LoopSpacingMetres ?? 0;
        if (pair is not null && _loops is not null)
        {
            var loops = _loops;
            var occupied = pair.LoopLengthMetres + v.LengthMetres;
            yield return (v.At, ts => loops.Inject(new LoopEdge(v.Lane, LoopPosition.Leading, true, ts)));
            yield return (After(spacing), ts => loops.Inject(new LoopEdge(v.Lane, LoopPosition.Trailing, true, ts)));
            yield return (After(occupied), ts => loops.Inject(new LoopEdge(v.Lane, LoopPosition.Leading, false, ts)));
            yield return (After(spacing + occupied), ts => loops.Inject(new LoopEdge(v.Lane, LoopPosition.Trailing, false, ts)));
        }

        if (_radar is not null && v.RadarSpeedKmh is { } radarKmh)
        {
            var radar = _radar;
            yield return (After(spacing), ts => radar.Measure(v.Lane, radarKmh, v.Direction, SimulatedQualityPercent, ts));
        }
    }
}
