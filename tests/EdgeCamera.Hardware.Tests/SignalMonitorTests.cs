using System.Device.Gpio;
using EdgeCamera.Hardware.Signals;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Hardware.Tests;

public sealed class SignalMonitorTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(true, false, false, SignalPhase.Red)]
    [InlineData(false, true, false, SignalPhase.Amber)]
    [InlineData(false, false, true, SignalPhase.Green)]
    [InlineData(false, false, false, SignalPhase.Unknown)]
    [InlineData(true, true, false, SignalPhase.Unknown)]
    [InlineData(true, false, true, SignalPhase.Unknown)]
    public void Exactly_one_lit_lamp_is_a_phase_and_anything_else_is_unknown(bool red, bool amber, bool green, SignalPhase expected) =>
        Assert.Equal(expected, GpioSignalMonitor.Decode(red, amber, green));

    [Fact]
    public void Gpio_signal_monitor_records_each_phase_with_the_monotonic_time_it_began()
    {
        using var driver = new FakeGpioDriver();
        using var gpio = new GpioController(driver);
        driver.Drive(22, PinValue.Low); // green lit (active low) before start
        using var monitor = new GpioSignalMonitor(gpio, Options(), _time);
        monitor.Start();
        var greenAt = _time.GetTimestamp();

        _time.Advance(TimeSpan.FromSeconds(20));
        driver.Drive(22, PinValue.High);
        driver.Drive(27, PinValue.Low);
        var amberAt = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(3));
        driver.Drive(27, PinValue.High);
        driver.Drive(17, PinValue.Low);
        var redAt = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.True(monitor.TryRead("north", out var now));
        Assert.Equal(SignalPhase.Red, now.Phase);
        Assert.Equal(TimeSpan.FromSeconds(1.5), now.TimeInPhase(_time, _time.GetTimestamp()));
        Assert.True(monitor.TryGetPhaseAt("north", amberAt + 1, out var past));
        Assert.Equal(SignalPhase.Amber, past.Phase);
        Assert.Equal(amberAt, past.SinceTimestamp);
        Assert.Equal(
            [SignalPhase.Green, SignalPhase.Amber, SignalPhase.Red],
            monitor.PhasesBetween("north", greenAt + 1, redAt).Select(s => s.Phase));
    }

    [Fact]
    public void Between_two_lamps_the_moment_when_both_are_off_reads_as_unknown_not_red()
    {
        using var driver = new FakeGpioDriver();
        using var gpio = new GpioController(driver);
        driver.Drive(27, PinValue.Low);
        using var monitor = new GpioSignalMonitor(gpio, Options(), _time);
        monitor.Start();

        driver.Drive(27, PinValue.High);

        Assert.True(monitor.TryRead("north", out var state));
        Assert.Equal(SignalPhase.Unknown, state.Phase);
        Assert.False(monitor.TryRead("south", out _));
    }

    [Fact]
    public void History_answers_only_for_times_it_covers_and_keeps_a_bounded_number_of_changes()
    {
        var history = new SignalPhaseHistory("north");
        var t0 = _time.GetTimestamp();
        Assert.False(history.TryGetPhaseAt(t0, out _));

        for (var i = 0; i < SignalPhaseHistory.Capacity + 10; i++)
        {
            Assert.True(history.Record(i % 2 == 0 ? SignalPhase.Green : SignalPhase.Red, t0 + (i * 1000)));
        }

        Assert.False(history.Record(SignalPhase.Red, t0 + 1), "an older timestamp is refused");
        Assert.False(history.TryGetPhaseAt(t0, out _), "the oldest changes were dropped");
        Assert.Equal(SignalPhaseHistory.Capacity, history.Between(long.MinValue, long.MaxValue).Count);
    }

    private static SignalsOptions Options() => new()
    {
        Approaches = [new SignalApproachOptions { Name = "north", RedPin = 17, AmberPin = 27, GreenPin = 22 }],
    };
}
