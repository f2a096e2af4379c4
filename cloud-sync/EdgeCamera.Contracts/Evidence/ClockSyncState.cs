namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// The device clock's state when the evidence was made. <see cref="Source"/>: what disciplines the clock
/// ("ntp", "gnss", "ptp", "rtc" or "unsynchronised"); <see cref="OffsetMs"/>: the estimated offset from UTC (device
/// minus true time, worst case); <see cref="WithinTolerance"/>: true when the clock is synchronised and the offset
/// is inside the tolerance the site is configured with.
/// </summary>
public sealed record ClockSyncState(string Source, double OffsetMs, bool WithinTolerance)
{
    public const string Unsynchronised = "unsynchronised";
}
