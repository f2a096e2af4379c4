using System.Device.Gpio;

namespace EdgeCamera.Hardware.Tests;

/// <summary>
/// A GPIO driver in memory (after dotnet/iot's mockable-driver idea): tests drive input levels and see written
/// outputs; a level change raises the registered edge callbacks on the calling thread.
/// </summary>
internal sealed class FakeGpioDriver : GpioDriver
{
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];

    public List<(int Pin, PinValue Value)> Writes { get; } = [];

    public PinValue Level(int pin) => _levels.TryGetValue(pin, out var v) ? v : PinValue.Low;

    /// <summary>Sets an input's level as the outside world would; raises edge callbacks when it changes.</summary>
    public void Drive(int pin, PinValue value)
    {
        var old = Level(pin);
        _levels[pin] = value;
        if (old == value || !_callbacks.TryGetValue(pin, out var handlers))
        {
            return;
        }

        var type = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var (types, handler) in handlers.ToArray())
        {
            if ((types & type) != 0)
            {
                handler(this, new PinValueChangedEventArgs(type, pin));
            }
        }
    }

    protected override int PinCount => 64;

    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    protected override void ClosePin(int pinNumber)
    {
        _modes.Remove(pinNumber);
        _callbacks.Remove(pinNumber);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.InputPullUp && !_levels.ContainsKey(pinNumber))
        {
            _levels[pinNumber] = PinValue.High;
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.TryGetValue(pinNumber, out var m) ? m : PinMode.Input;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => Level(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        _levels[pinNumber] = value;
        Writes.Add((pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("tests use callbacks");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        if (!_callbacks.TryGetValue(pinNumber, out var list))
        {
            _callbacks[pinNumber] = list = [];
        }

        list.Add((eventTypes, callback));
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        _callbacks.GetValueOrDefault(pinNumber)?.RemoveAll(c => c.Handler == callback);
}
