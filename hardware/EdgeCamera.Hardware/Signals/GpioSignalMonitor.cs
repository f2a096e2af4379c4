using System.Device.Gpio;

namespace EdgeCamera.Hardware.Signals;

/// <summary>
/// Reads each approach's red, amber and green lamp inputs. On any edge the three lines are read together and
/// decoded: exactly one lamp lit is that phase; none or several is <see cref="SignalPhase.Unknown"/> (dark,
/// flashing or a fault), which no rule treats as red.
/// </summary>
public sealed class GpioSignalMonitor : ISignalMonitor, IDisposable
{
    private readonly GpioController _gpio;
    private readonly SignalsOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SignalPhaseHistory> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SignalApproachOptions> _byPin = [];
    private readonly PinChangeEventHandler _handler;

    public GpioSignalMonitor(GpioController gpio, SignalsOptions options, TimeProvider time)
    {
        _gpio = gpio;
        _options = options;
        _time = time;
        _handler = OnPinChanged;
        foreach (var a in options.Approaches)
        {
            _histories[a.Name] = new SignalPhaseHistory(a.Name);
            _byPin[a.RedPin] = a;
            _byPin[a.AmberPin] = a;
            _byPin[a.GreenPin] = a;
        }
    }

    public IReadOnlyCollection<string> Approaches => _histories.Keys;

    /// <summary>Opens the lines, records each approach's phase now and listens for changes.</summary>
    public void Start()
    {
        var mode = _options.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown;
        foreach (var pin in _byPin.Keys)
        {
            _gpio.OpenPin(pin, mode);
            _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, _handler);
        }

        var now = _time.GetTimestamp();
        foreach (var a in _options.Approaches)
        {
            Sample(a, now);
        }
    }

    public bool TryRead(string approach, out SignalState state)
    {
        state = default;
        return _histories.TryGetValue(approach, out var h) && h.TryGetCurrent(out state);
    }

    public bool TryGetPhaseAt(string approach, long timestamp, out SignalState state)
    {
        state = default;
        return _histories.TryGetValue(approach, out var h) && h.TryGetPhaseAt(timestamp, out state);
    }

    public IReadOnlyList<SignalState> PhasesBetween(string approach, long fromTimestamp, long toTimestamp) =>
        _histories.TryGetValue(approach, out var h) ? h.Between(fromTimestamp, toTimestamp) : [];

    public void Dispose()
    {
        foreach (var pin in _byPin.Keys)
        {
            if (_gpio.IsPinOpen(pin))
            {
                _gpio.UnregisterCallbackForPinValueChangedEvent(pin, _handler);
                _gpio.ClosePin(pin);
            }
        }
    }

    /// <summary>One lamp lit → its phase; none or several → unknown.</summary>
    public static SignalPhase Decode(bool red, bool amber, bool green) => (red, amber, green) switch
    {
        (true, false, false) => SignalPhase.Red,
        (false, true, false) => SignalPhase.Amber,
        (false, false, true) => SignalPhase.Green,
        _ => SignalPhase.Unknown,
    };

    private void OnPinChanged(object sender, PinValueChangedEventArgs args)
    {
        var at = _time.GetTimestamp();
        if (_byPin.TryGetValue(args.PinNumber, out var approach))
        {
            Sample(approach, at);
        }
    }

    private void Sample(SignalApproachOptions a, long at)
    {
        SignalPhase phase;
        try
        {
            phase = Decode(Lit(a.RedPin), Lit(a.AmberPin), Lit(a.GreenPin));
        }
        catch (IOException)
        {
            phase = SignalPhase.Unknown;
        }

        _histories[a.Name].Record(phase, at);
    }

    private bool Lit(int pin) => (_gpio.Read(pin) == PinValue.High) != _options.ActiveLow;
}
