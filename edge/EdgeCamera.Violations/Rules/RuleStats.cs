namespace EdgeCamera.Violations.Rules;

/// <summary>Counters the technician and the authority want: outcomes, sensor discrepancies, calibration holds.</summary>
public sealed class RuleStats
{
    private long _violations;
    private long _withheld;
    private long _speedDiscrepancies;
    private long _calibrationHolds;
    private long _watchListHits;

    public long Violations => Interlocked.Read(ref _violations);

    public long Withheld => Interlocked.Read(ref _withheld);

    /// <summary>Passages where radar and loops disagreed beyond tolerance.</summary>
    public long SpeedDiscrepancies => Interlocked.Read(ref _speedDiscrepancies);

    /// <summary>Speed violations held back because a device's calibration was expired, unknown or not yet valid.</summary>
    public long CalibrationHolds => Interlocked.Read(ref _calibrationHolds);

    public long WatchListHits => Interlocked.Read(ref _watchListHits);

    internal void Count(RuleOutcome outcome)
    {
        if (outcome.Verdict == RuleVerdict.Violation)
        {
            Interlocked.Increment(ref _violations);
        }
        else if (outcome.Verdict == RuleVerdict.Withheld)
        {
            Interlocked.Increment(ref _withheld);
        }
    }

    internal void SpeedDiscrepancy() => Interlocked.Increment(ref _speedDiscrepancies);

    internal void CalibrationHold() => Interlocked.Increment(ref _calibrationHolds);

    internal void WatchListHit() => Interlocked.Increment(ref _watchListHits);
}
