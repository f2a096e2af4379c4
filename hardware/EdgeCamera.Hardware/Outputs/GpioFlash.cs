using System.Device.Gpio;

namespace EdgeCamera.Hardware.Outputs;

/// <summary>
/// Drives the illuminator's trigger line high for <see cref="FlashOptions.PulseWidth"/>. The line is set from the
/// capture thread and cleared by a timer, so the pulse is as exact as the OS timer (about a millisecond on Linux);
/// an illuminator that needs the exposure to the microsecond is wired to the camera's strobe output instead.
/// </summary>
public sealed class GpioFlash : IFlash, IDisposable
{
    private readonly GpioController _gpio;
    private readonly FlashOptions _options;
    private readonly FlashPacer _pacer;
    private readonly ITimer _off;

    public GpioFlash(GpioController gpio, FlashOptions options, TimeProvider time)
    {
        _gpio = gpio;
        _options = options;
        _pacer = new FlashPacer(options.MinInterval, time);
        _off = time.CreateTimer(_ => Set(on: false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public FlashStats Stats => _pacer.Stats;

    public void Start() => _gpio.OpenPin(_options.Pin, PinMode.Output, Level(on: false));

    public bool TryPulse()
    {
        if (!_pacer.TryAcquire(out _))
        {
            return false;
        }

        Set(on: true);
        _off.Change(_options.PulseWidth, Timeout.InfiniteTimeSpan);
        return true;
    }

    public void Dispose()
    {
        _off.Dispose();
        if (_gpio.IsPinOpen(_options.Pin))
        {
            Set(on: false);
            _gpio.ClosePin(_options.Pin);
        }
    }

    private void Set(bool on) => _gpio.Write(_options.Pin, Level(on));

    private PinValue Level(bool on) => on == _options.ActiveHigh ? PinValue.High : PinValue.Low;
}
