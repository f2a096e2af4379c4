using System.Device.Gpio;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Signals;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// The roadside devices the rules measure with, chosen by <see cref="HardwareOptions.Mode"/>: none; simulated ones
/// driven by a <see cref="ScenarioPlayer"/> built from the simulated camera's ground truth; or GPIO/serial ones
/// (created only in that mode, so tests and the demo never touch /dev/gpiochip or a serial port).
/// </summary>
public sealed class RoadsideDevices : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private RoadsideDevices(HardwareMode mode)
    {
        Mode = mode;
    }

    public HardwareMode Mode { get; }

    public ILoopDetector? Loops { get; private init; }

    public IRadar? Radar { get; private init; }

    public ISignalMonitor? Signals { get; private init; }

    /// <summary>Simulated mode with a ground truth: plays the road into the simulated devices.</summary>
    public ScenarioPlayer? Player { get; private init; }

    /// <summary>With a scenario: the clip's clock, on which sensor readings and (converted) frame times agree.</summary>
    public SimulatedFrameClock? FrameClock { get; private init; }

    /// <summary>GPIO mode: the radar's serial reader, which someone must run (<see cref="RoadsideSensorWorker"/>).</summary>
    public SerialRadar? SerialRadar { get; private init; }

    public int ScenarioEventCount { get; private init; }

    public static RoadsideDevices None() => new(HardwareMode.None);

    /// <summary>Simulated devices; with a ground truth, a scenario plays into them. False when the file cannot be read.</summary>
    public static bool TryCreateSimulated(
        HardwareOptions hardware, LoopsOptions loops, SignalsOptions signals, RadarOptions radar, ScenarioPlan plan, TimeProvider time,
        out RoadsideDevices devices)
    {
        SimcamGroundTruth? truth = null;
        if (hardware.GroundTruthPath.Length > 0 && !SimcamGroundTruth.TryLoad(hardware.GroundTruthPath, out truth))
        {
            devices = None();
            return false;
        }

        // With a scenario, the devices live on the clip's clock (frames read ÷ fps), as the frames do for the rules.
        var clock = truth is null ? null : new SimulatedFrameClock(truth.Fps);
        TimeProvider deviceTime = clock ?? time;
        var loopDetector = new SimulatedLoopDetector(loops, deviceTime);
        var simulatedRadar = new SimulatedRadar(radar.DeviceId);
        var approaches = signals.Approaches.Select(a => a.Name).Concat(plan.Signals.Select(s => s.Approach)).Distinct(StringComparer.Ordinal);
        var signalMonitor = new SimulatedSignalMonitor(approaches);
        var scenario = truth is null ? null : GroundTruthScenario.Build(truth, plan);
        devices = new RoadsideDevices(HardwareMode.Simulated)
        {
            Loops = loopDetector,
            Radar = simulatedRadar,
            Signals = signalMonitor,
            Player = scenario is null ? null : new ScenarioPlayer(scenario, deviceTime, loopDetector, simulatedRadar, signalMonitor),
            FrameClock = clock,
            ScenarioEventCount = scenario?.Events.Count ?? 0,
        };
        return true;
    }

    /// <summary>Loops and signal lamps on the board's GPIO lines, the radar on its serial port. Opens nothing yet:
    /// <see cref="StartGpio"/> does.</summary>
    public static RoadsideDevices CreateGpio(LoopsOptions loops, SignalsOptions signals, RadarOptions radar, TimeProvider time, ILoggerFactory logs)
    {
        var gpio = new GpioController();
        var loopDetector = new GpioLoopDetector(gpio, loops, time);
        var signalMonitor = new GpioSignalMonitor(gpio, signals, time);
        var serialRadar = new SerialRadar(radar, time, logs.CreateLogger<SerialRadar>());
        var devices = new RoadsideDevices(HardwareMode.Gpio)
        {
            Loops = loopDetector,
            Radar = serialRadar,
            Signals = signalMonitor,
            SerialRadar = serialRadar,
        };

        // Disposed in reverse: lines closed before the controller.
        devices._owned.Add(gpio);
        devices._owned.Add(signalMonitor);
        devices._owned.Add(loopDetector);
        return devices;
    }

    public void StartGpio()
    {
        (Loops as GpioLoopDetector)?.Start();
        (Signals as GpioSignalMonitor)?.Start();
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }
}
