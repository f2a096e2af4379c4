using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Evidence;
using Xunit.Abstractions;

namespace EdgeCamera.Edge.Tests;

public sealed class ClockSyncTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void A_kernel_clock_flagged_unsynchronised_is_never_within_tolerance()
    {
        var state = KernelClockSync.Interpret(state: 5, status: 0x0040, offset: 0, estErrorUs: 0, "ntp", Tolerance);

        Assert.Equal(ClockSyncState.Unsynchronised, state.Source);
        Assert.False(state.WithinTolerance);
    }

    [Fact]
    public void A_synchronised_clock_is_within_tolerance_only_while_offset_plus_estimated_error_fits()
    {
        var close = KernelClockSync.Interpret(state: 0, status: 0x0001, offset: 2_500, estErrorUs: 10_000, "gnss", Tolerance);
        var far = KernelClockSync.Interpret(state: 0, status: 0x0001, offset: -95_000, estErrorUs: 10_000, "gnss", Tolerance);

        Assert.Equal(new ClockSyncState("gnss", 2.5, true), close);
        Assert.Equal(new ClockSyncState("gnss", -95, false), far);
    }

    [Fact]
    public void A_nanosecond_kernel_offset_is_read_as_nanoseconds()
    {
        var state = KernelClockSync.Interpret(state: 0, status: 0x2000, offset: 1_500_000, estErrorUs: 0, "ntp", Tolerance);

        Assert.Equal(1.5, state.OffsetMs);
    }

    [Fact]
    public void The_kernel_clock_state_of_this_machine_is_read_without_privilege()
    {
        var clock = new KernelClockSync(Microsoft.Extensions.Options.Options.Create(new EvidenceOptions { ClockSource = "ntp" }));

        var state = clock.Current();

        output.WriteLine($"kernel clock: {state}");
        Assert.Contains(state.Source, new[] { "ntp", ClockSyncState.Unsynchronised });
        Assert.True(double.IsFinite(state.OffsetMs) && Math.Abs(state.OffsetMs) < TimeSpan.FromDays(1).TotalMilliseconds, $"offset {state.OffsetMs} ms is not a plausible kernel offset");
        Assert.False(state.Source == ClockSyncState.Unsynchronised && state.WithinTolerance);
    }
}
