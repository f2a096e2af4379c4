using System.Device.Gpio;

namespace EdgeCamera.Hardware.Outputs;

/// <summary>The status LED on a GPIO line; blinking is a <see cref="TimeProvider"/> timer toggling the line.</summary>
public sealed class GpioStatusLed : IStatusLed, IDisposable
{
    private readonly GpioController _gpio;
    private readonly StatusLedOptions _options;
    private readonly ITimer _blink;
    private readonly Lock _gate = new();
    private bool _lit;

    public GpioStatusLed(GpioController gpio, StatusLedOptions options, TimeProvider time)
    {
        _gpio = gpio;
        _options = options;
        _blink = time.CreateTimer(_ => Toggle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public LedPattern Pattern { get; private set; }

    public void Start() => _gpio.OpenPin(_options.Pin, PinMode.Output, Level(lit: false));

    public void Show(LedPattern pattern)
    {
        lock (_gate)
        {
            Pattern = pattern;
            var half = pattern switch
            {
                LedPattern.SlowBlink => _options.SlowHalfPeriod,
                LedPattern.FastBlink => _options.FastHalfPeriod,
                _ => Timeout.InfiniteTimeSpan,
            };
            _blink.Change(half, half);
            Set(pattern != LedPattern.Off);
        }
    }

    public void Dispose()
    {
        _blink.Dispose();
        if (_gpio.IsPinOpen(_options.Pin))
        {
            _gpio.Write(_options.Pin, Level(lit: false));
            _gpio.ClosePin(_options.Pin);
        }
    }

    private void Toggle()
    {
        lock (_gate)
        {
            if (Pattern is LedPattern.SlowBlink or LedPattern.FastBlink)
            {
                Set(!_lit);
            }
        }
    }

    private void Set(bool lit)
    {
        _lit = lit;
        _gpio.Write(_options.Pin, Level(lit));
    }

    private PinValue Level(bool lit) => lit == _options.ActiveHigh ? PinValue.High : PinValue.Low;
}
