using System.Device.Gpio;

namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// Loop pairs wired to GPIO inputs (one line per loop detector card output). Each edge is stamped with the monotonic
/// clock when the driver reports it; on Linux the libgpiod driver reports from its event thread, so the stamp
/// carries that thread's latency (sub-millisecond on an idle unit, more under load).
/// </summary>
public sealed class GpioLoopDetector : ILoopDetector, IDisposable
{
    private readonly GpioController _gpio;
    private readonly LoopsOptions _options;
    private readonly TimeProvider _time;
    private readonly LoopEdgeProcessor _processor;
    private readonly Dictionary<int, (int Lane, LoopPosition Position)> _pins = [];
    private readonly PinChangeEventHandler _handler;

    public GpioLoopDetector(GpioController gpio, LoopsOptions options, TimeProvider time)
    {
        _gpio = gpio;
        _options = options;
        _time = time;
        _processor = new LoopEdgeProcessor(options, time);
        _handler = OnPinChanged;
        foreach (var pair in options.Pairs)
        {
            _pins[pair.LeadingPin] = (pair.Lane, LoopPosition.Leading);
            _pins[pair.TrailingPin] = (pair.Lane, LoopPosition.Trailing);
        }
    }

    public LoopStats Stats => _processor.Stats;

    /// <summary>Opens the input lines and starts listening for edges.</summary>
    public void Start()
    {
        var mode = _options.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown;
        foreach (var pin in _pins.Keys)
        {
            _gpio.OpenPin(pin, mode);
            _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, _handler);
        }
    }

    public bool TryRead(out LoopPassage passage)
    {
        _processor.Expire(_time.GetTimestamp());
        return _processor.TryRead(out passage);
    }

    public void Dispose()
    {
        foreach (var pin in _pins.Keys)
        {
            if (_gpio.IsPinOpen(pin))
            {
                _gpio.UnregisterCallbackForPinValueChangedEvent(pin, _handler);
                _gpio.ClosePin(pin);
            }
        }
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs args)
    {
        var at = _time.GetTimestamp();
        if (!_pins.TryGetValue(args.PinNumber, out var loop))
        {
            return;
        }

        var high = args.ChangeType == PinEventTypes.Rising;
        _processor.Process(new LoopEdge(loop.Lane, loop.Position, Occupied: high != _options.ActiveLow, at));
    }
}
