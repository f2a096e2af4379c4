using System.Device.Gpio;

namespace EdgeCamera.Hardware.Tamper;

/// <summary>The door switch on a GPIO input with the pull-up on: low = closed, high = open or wire cut.</summary>
public sealed class GpioTamperSwitch : ITamperSwitch, IDisposable
{
    private readonly GpioController _gpio;
    private readonly TamperOptions _options;
    private readonly TimeProvider _time;
    private readonly TamperDebouncer _debouncer;
    private readonly PinChangeEventHandler _handler;

    public GpioTamperSwitch(GpioController gpio, TamperOptions options, TimeProvider time)
    {
        _gpio = gpio;
        _options = options;
        _time = time;
        _debouncer = new TamperDebouncer(options.Debounce, time);
        _handler = (_, args) => _debouncer.Observe(Door(args.ChangeType == PinEventTypes.Rising), _time.GetTimestamp());
    }

    public void Start()
    {
        _gpio.OpenPin(_options.Pin, PinMode.InputPullUp);
        _debouncer.Initial(Door(_gpio.Read(_options.Pin) == PinValue.High), _time.GetTimestamp());
        _gpio.RegisterCallbackForPinValueChangedEvent(_options.Pin, PinEventTypes.Rising | PinEventTypes.Falling, _handler);
    }

    public bool TryRead(out TamperState state) => _debouncer.TryRead(out state);

    public void Dispose()
    {
        if (_gpio.IsPinOpen(_options.Pin))
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(_options.Pin, _handler);
            _gpio.ClosePin(_options.Pin);
        }
    }

    private static CabinetDoor Door(bool high) => high ? CabinetDoor.Open : CabinetDoor.Closed;
}
