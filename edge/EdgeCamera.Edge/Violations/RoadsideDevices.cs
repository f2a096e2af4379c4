using System.Device.Gpio;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Hardware.Tamper;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// The roadside devices the rules measure with, chosen by <see cref="HardwareOptions.Mode"/>: none; simulated ones
/// driven by a <see cref="ScenarioPlayer"/> built from the simulated camera's ground truth; or GPIO/serial ones
/// (created only in that mode, so tests and the demo never touch /dev/gpiochip or a serial port).
/// </summary>
public sealed class RoadsideDevices : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private RoadsideDevices(HardwareMode mode, TimeProvider clock)
    {
        Mode = mode;
        Clock = clock;
    }

    public HardwareMode Mode { get; }

    public ILoopDetector? Loops { get; private init; }

    public IRadar? Radar { get; private init; }

    public ISignalMonitor? Signals { get; private init; }

    /// <summary>The IR flash; it runs on the host's clock (a pulse is fired now, whatever the clip's clock says).</summary>
    public IFlash? Flash { get; private init; }

    public ITamperSwitch? Tamper { get; private init; }

    /// <summary>The cabinet's status LED: on GPIO in GPIO mode, simulated otherwise (the demo's page shows it).</summary>
    public IStatusLed StatusLed { get; private init; } = new SimulatedStatusLed();

    /// <summary>The clock of the sensors' monotonic timestamps (loops, radar, signal, tamper): the clip's clock with a
    /// scenario, else the host's.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Simulated mode with a ground truth: plays the road into the simulated devices.</summary>
    public ScenarioPlayer? Player { get; private init; }

    /// <summary>With a scenario: the clip's clock, on which sensor readings and (converted) frame times agree.</summary>
    public SimulatedFrameClock? FrameClock { get; private init; }

    /// <summary>GPIO mode: the radar's serial reader, which someone must run (<see cref="RoadsideSensorWorker"/>).</summary>
    public SerialRadar? SerialRadar { get; private init; }

    public int ScenarioEventCount { get; private init; }

    public static RoadsideDevices None() => new(HardwareMode.None, TimeProvider.System);

    /// <summary>Simulated devices; with a ground truth, a scenario plays into them. False when the file cannot be read.</summary>
    public static bool TryCreateSimulated(
        HardwareOptions hardware, LoopsOptions loops, SignalsOptions signals, RadarOptions radar, FlashOptions flash, TamperOptions tamper,
        ScenarioPlan plan, TimeProvider time, out RoadsideDevices devices)
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
        var tamperSwitch = new SimulatedTamperSwitch(tamper, deviceTime);
        var scenario = truth is null ? null : GroundTruthScenario.Build(truth, plan);
        devices = new RoadsideDevices(HardwareMode.Simulated, deviceTime)
        {
            Loops = loopDetector,
            Radar = simulatedRadar,
            Signals = signalMonitor,
            Flash = new SimulatedFlash(flash, time),
            Tamper = tamperSwitch,
            Player = scenario is null ? null : new ScenarioPlayer(scenario, deviceTime, loopDetector, simulatedRadar, signalMonitor, tamperSwitch),
            FrameClock = clock,
            ScenarioEventCount = scenario?.Events.Count ?? 0,
        };
        return true;
    }

    /// <summary>Loops and signal lamps on the board's GPIO lines, the radar on its serial port. Opens nothing yet:
    /// <see cref="StartGpio"/> does.</summary>
    public static RoadsideDevices CreateGpio(
        LoopsOptions loops, SignalsOptions signals, RadarOptions radar, FlashOptions flash, TamperOptions tamper, StatusLedOptions statusLed,
        TimeProvider time, ILoggerFactory logs)
    {
        var gpio = new GpioController();
        var loopDetector = new GpioLoopDetector(gpio, loops, time);
        var signalMonitor = new GpioSignalMonitor(gpio, signals, time);
        var serialRadar = new SerialRadar(radar, time, logs.CreateLogger<SerialRadar>());
        var gpioFlash = new GpioFlash(gpio, flash, time);
        var tamperSwitch = new GpioTamperSwitch(gpio, tamper, time);
        var led = new GpioStatusLed(gpio, statusLed, time);
        var devices = new RoadsideDevices(HardwareMode.Gpio, time)
        {
            Loops = loopDetector,
            Radar = serialRadar,
            Signals = signalMonitor,
            Flash = gpioFlash,
            Tamper = tamperSwitch,
            StatusLed = led,
            SerialRadar = serialRadar,
        };

        // Disposed in reverse: lines closed before the controller.
        devices._owned.Add(gpio);
        devices._owned.Add(signalMonitor);
        devices._owned.Add(loopDetector);
        devices._owned.Add(gpioFlash);
        devices._owned.Add(tamperSwitch);
        devices._owned.Add(led);
        return devices;
    }

    public void StartGpio()
    {
        (Loops as GpioLoopDetector)?.Start();
        (Signals as GpioSignalMonitor)?.Start();
        (Flash as GpioFlash)?.Start();
        (Tamper as GpioTamperSwitch)?.Start();
        (StatusLed as GpioStatusLed)?.Start();
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
