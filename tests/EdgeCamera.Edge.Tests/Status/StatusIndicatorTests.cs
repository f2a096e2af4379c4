using EdgeCamera.Edge.Status;
using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Tamper;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Edge.Tests.Status;

public sealed class StatusIndicatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly SimulatedStatusLed _led = new();
    private readonly SimulatedTamperSwitch _door;
    private readonly StatusIndicator _indicator;

    public StatusIndicatorTests()
    {
        _door = new SimulatedTamperSwitch(new TamperOptions { Debounce = TimeSpan.FromMilliseconds(50) }, _time);
        _indicator = new StatusIndicator(_led, _door);
    }

    [Fact]
    public void The_led_is_steady_while_camera_and_uplink_are_up_and_blinks_slowly_when_either_is_down()
    {
        Assert.True(_indicator.Update(cameraUp: true, uplinkUp: true, out var ok));
        Assert.Equal((UnitState.Ok, LedPattern.On), (ok, _led.Pattern));

        Assert.True(_indicator.Update(cameraUp: true, uplinkUp: false, out var noUplink));
        Assert.Equal((UnitState.Degraded, LedPattern.SlowBlink), (noUplink, _led.Pattern));

        Assert.False(_indicator.Update(cameraUp: false, uplinkUp: true, out var noCamera)); // still degraded: no change
        Assert.Equal((UnitState.Degraded, LedPattern.SlowBlink), (noCamera, _led.Pattern));

        Assert.True(_indicator.Update(cameraUp: true, uplinkUp: true, out var back));
        Assert.Equal((UnitState.Ok, LedPattern.On), (back, _led.Pattern));
    }

    [Fact]
    public void An_open_cabinet_door_blinks_fast_once_the_switch_has_settled_and_wins_over_everything_else()
    {
        _indicator.Update(cameraUp: true, uplinkUp: true, out _);

        _door.Set(CabinetDoor.Open, _time.GetTimestamp());
        _indicator.Update(cameraUp: true, uplinkUp: true, out var bouncing);
        Assert.Equal(UnitState.Ok, bouncing); // not settled yet (debounce 50 ms)

        _time.Advance(TimeSpan.FromMilliseconds(60));
        _indicator.Update(cameraUp: false, uplinkUp: false, out var open);
        Assert.Equal((UnitState.Tamper, LedPattern.FastBlink), (open, _led.Pattern));

        _door.Set(CabinetDoor.Closed, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(60));
        _indicator.Update(cameraUp: false, uplinkUp: true, out var closed);
        Assert.Equal((UnitState.Degraded, LedPattern.SlowBlink), (closed, _led.Pattern));
    }
}
