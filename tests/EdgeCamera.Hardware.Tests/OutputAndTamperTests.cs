using System.Device.Gpio;
using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Tamper;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Hardware.Tests;

public sealed class OutputAndTamperTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_flash_pulse_drives_the_line_high_and_the_timer_drops_it_after_the_pulse_width()
    {
        using var driver = new FakeGpioDriver();
        using var gpio = new GpioController(driver);
        using var flash = new GpioFlash(gpio, new FlashOptions { Pin = 23 }, _time);
        flash.Start();

        Assert.True(flash.TryPulse());
        Assert.Equal(PinValue.High, driver.Level(23));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PinValue.High, driver.Level(23));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PinValue.Low, driver.Level(23));
        Assert.Equal([PinValue.Low, PinValue.High, PinValue.Low], driver.Writes.Where(w => w.Pin == 23).Select(w => w.Value));
    }

    [Fact]
    public void A_second_pulse_within_one_frame_is_refused_and_counted_and_allowed_exactly_at_the_interval()
    {
        var flash = new SimulatedFlash(new FlashOptions(), _time);

        Assert.True(flash.TryPulse());
        _time.Advance(TimeSpan.FromMilliseconds(39));
        Assert.False(flash.TryPulse());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(flash.TryPulse());

        Assert.Equal(2, flash.Stats.Pulses);
        Assert.Equal(1, flash.Stats.Refused);
    }

    [Fact]
    public void The_status_led_blinks_slowly_at_one_hertz_and_stays_on_when_told()
    {
        using var driver = new FakeGpioDriver();
        using var gpio = new GpioController(driver);
        using var led = new GpioStatusLed(gpio, new StatusLedOptions { Pin = 24 }, _time);
        led.Start();

        led.Show(LedPattern.SlowBlink);
        var levels = new List<PinValue> { driver.Level(24) };
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            levels.Add(driver.Level(24));
        }

        Assert.Equal([PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High], levels);
        led.Show(LedPattern.On);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(PinValue.High, driver.Level(24));
        Assert.Equal(LedPattern.On, led.Pattern);
    }

    [Fact]
    public void Opening_the_cabinet_door_counts_once_the_switch_has_settled_and_a_bounce_counts_once()
    {
        using var driver = new FakeGpioDriver();
        using var gpio = new GpioController(driver);
        driver.Drive(25, PinValue.Low); // door closed: switch to ground
        using var tamper = new GpioTamperSwitch(gpio, new TamperOptions { Pin = 25 }, _time);
        tamper.Start();
        Assert.True(tamper.TryRead(out var closed));
        Assert.Equal((CabinetDoor.Closed, 0), (closed.Door, closed.Openings));

        // The contact bounces three times within 5 ms, then stays open.
        driver.Drive(25, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        driver.Drive(25, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        driver.Drive(25, PinValue.High);
        var openedAt = _time.GetTimestamp();

        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.True(tamper.TryRead(out var settling));
        Assert.Equal(CabinetDoor.Closed, settling.Door);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(tamper.TryRead(out var open));
        Assert.Equal((CabinetDoor.Open, 1, openedAt), (open.Door, open.Openings, open.SinceTimestamp));
    }

    [Fact]
    public void A_glitch_shorter_than_the_debounce_time_is_not_an_opening()
    {
        var tamper = new SimulatedTamperSwitch(new TamperOptions(), _time);

        tamper.Set(CabinetDoor.Open, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(10));
        tamper.Set(CabinetDoor.Closed, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(tamper.TryRead(out var state));
        Assert.Equal((CabinetDoor.Closed, 0), (state.Door, state.Openings));
    }
}
