using System.Device.Gpio;
using EdgeCamera.Hardware.Loops;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Hardware.Tests;

public sealed class LoopDetectorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_car_over_the_loop_pair_is_measured_at_its_speed_and_length()
    {
        var loops = new SimulatedLoopDetector(Options(), _time);

        // 72 km/h = 20 m/s; 4.5 m spacing → 225 ms between fronts; 4.5 m car over a 2 m loop → 325 ms occupancy.
        Drive(loops, lane: 1, speedMps: 20, lengthMetres: 4.5);

        Assert.True(loops.TryRead(out var passage));
        Assert.Equal(72.0, passage.SpeedKmh, precision: 6);
        Assert.Equal(4.5, passage.VehicleLengthMetres, precision: 6);
        Assert.Equal(TimeSpan.FromMilliseconds(325), passage.LeadingOccupancy);
        Assert.Equal(VehicleLengthClass.Car, passage.LengthClass);
        Assert.Equal("LOOP-L1", passage.DeviceId);
        Assert.False(loops.TryRead(out _));
        Assert.Equal(1, loops.Stats.Passages);
    }

    [Fact]
    public void A_motorcycle_leaves_the_leading_loop_before_reaching_the_trailing_one_and_is_still_measured()
    {
        var loops = new SimulatedLoopDetector(Options(), _time);

        Drive(loops, lane: 1, speedMps: 25, lengthMetres: 1.8);

        Assert.True(loops.TryRead(out var passage));
        Assert.Equal(90.0, passage.SpeedKmh, precision: 6);
        Assert.Equal(VehicleLengthClass.Motorcycle, passage.LengthClass);
    }

    [Fact]
    public void An_articulated_lorry_is_classed_long()
    {
        var loops = new SimulatedLoopDetector(Options(), _time);

        Drive(loops, lane: 1, speedMps: 15, lengthMetres: 16.5);

        Assert.True(loops.TryRead(out var passage));
        Assert.Equal(VehicleLengthClass.Long, passage.LengthClass);
        Assert.Equal(16.5, passage.VehicleLengthMetres, precision: 6);
    }

    [Theory]
    [InlineData(2.0, VehicleLengthClass.Motorcycle)]
    [InlineData(2.1, VehicleLengthClass.Car)]
    [InlineData(6.59, VehicleLengthClass.Car)]
    [InlineData(6.6, VehicleLengthClass.Medium)]
    [InlineData(14.9, VehicleLengthClass.Long)]
    [InlineData(-0.3, VehicleLengthClass.Unknown)]
    public void Length_classes_change_exactly_at_their_boundaries(double metres, VehicleLengthClass expected) =>
        Assert.Equal(expected, new LengthClassBoundaries().Classify(metres));

    [Fact]
    public void A_trailing_loop_edge_without_a_leading_one_is_counted_as_stray_and_measures_nothing()
    {
        var loops = new SimulatedLoopDetector(Options(), _time);

        loops.Inject(new LoopEdge(1, LoopPosition.Trailing, true, _time.GetTimestamp()));
        loops.Inject(new LoopEdge(1, LoopPosition.Trailing, false, _time.GetTimestamp()));
        loops.Inject(new LoopEdge(7, LoopPosition.Leading, true, _time.GetTimestamp()));

        Assert.False(loops.TryRead(out _));
        Assert.Equal(3, loops.Stats.StrayEdges);
    }

    [Fact]
    public void A_loop_stuck_occupied_abandons_the_passage_after_the_time_limit()
    {
        var loops = new SimulatedLoopDetector(Options(), _time);
        loops.Inject(new LoopEdge(1, LoopPosition.Leading, true, _time.GetTimestamp()));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(loops.TryRead(out _));
        Assert.Equal(0, loops.Stats.Abandoned);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(loops.TryRead(out _));
        Assert.Equal(1, loops.Stats.Abandoned);
    }

    [Fact]
    public void Rising_and_falling_edge_speeds_that_disagree_reject_the_passage()
    {
        var loops = new SimulatedLoopDetector(Options(), _time);
        var t0 = _time.GetTimestamp();
        long At(double ms) => t0 + (long)(ms * TimeSpan.TicksPerMillisecond);

        // Fronts 225 ms apart (72 km/h), rears 300 ms apart (54 km/h): braking hard or two vehicles.
        loops.Inject(new LoopEdge(1, LoopPosition.Leading, true, At(0)));
        loops.Inject(new LoopEdge(1, LoopPosition.Trailing, true, At(225)));
        loops.Inject(new LoopEdge(1, LoopPosition.Leading, false, At(325)));
        loops.Inject(new LoopEdge(1, LoopPosition.Trailing, false, At(625)));

        Assert.False(loops.TryRead(out _));
        Assert.Equal(1, loops.Stats.Inconsistent);
    }

    [Fact]
    public void Gpio_loop_detector_measures_a_vehicle_from_active_low_pin_edges()
    {
        using var driver = new FakeGpioDriver();
        using var gpio = new GpioController(driver);
        var options = Options();
        using var loops = new GpioLoopDetector(gpio, options, _time);
        loops.Start();

        // 20 m/s: leading on 0, trailing on 225 ms, leading off 325 ms, trailing off 550 ms.
        driver.Drive(5, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(225));
        driver.Drive(6, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        driver.Drive(5, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(225));
        driver.Drive(6, PinValue.High);

        Assert.True(loops.TryRead(out var passage));
        Assert.Equal(72.0, passage.SpeedKmh, precision: 6);
        Assert.Equal(4.5, passage.VehicleLengthMetres, precision: 6);
        Assert.Equal(1, passage.Lane);
    }

    [Fact]
    public void Loop_options_reject_overlapping_loops_and_shared_pins()
    {
        var options = Options();
        options.Pairs.Add(new LoopPairOptions { DeviceId = "LOOP-L2", Lane = 2, LeadingPin = 6, TrailingPin = 7, LoopSpacingMetres = 1, LoopLengthMetres = 2 });

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("pin is used twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("loops overlap", StringComparison.Ordinal));
    }

    internal static LoopsOptions Options() => new()
    {
        Pairs = [new LoopPairOptions { DeviceId = "LOOP-L1", Lane = 1, LeadingPin = 5, TrailingPin = 6, LoopSpacingMetres = 4.5, LoopLengthMetres = 2.0 }],
    };

    private void Drive(SimulatedLoopDetector loops, int lane, double speedMps, double lengthMetres)
    {
        var pair = loops.Options.Pairs.Single(p => p.Lane == lane);
        var t0 = _time.GetTimestamp();
        long At(double metres) => t0 + (long)Math.Round(metres / speedMps * TimeSpan.TicksPerSecond);
        var edges = new[]
        {
            new LoopEdge(lane, LoopPosition.Leading, true, At(0)),
            new LoopEdge(lane, LoopPosition.Trailing, true, At(pair.LoopSpacingMetres)),
            new LoopEdge(lane, LoopPosition.Leading, false, At(pair.LoopLengthMetres + lengthMetres)),
            new LoopEdge(lane, LoopPosition.Trailing, false, At(pair.LoopSpacingMetres + pair.LoopLengthMetres + lengthMetres)),
        };
        foreach (var edge in edges.OrderBy(e => e.Timestamp))
        {
            loops.Inject(edge);
        }
    }
}
