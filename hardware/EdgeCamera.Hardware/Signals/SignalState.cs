namespace EdgeCamera.Hardware.Signals;

/// <summary>
/// An approach's phase and the monotonic time it began (<see cref="TimeProvider.GetTimestamp"/> units, the clock of
/// camera frames). Time in phase at any instant: <c>time.GetElapsedTime(SinceTimestamp, instant)</c>.
/// </summary>
public readonly record struct SignalState(string Approach, SignalPhase Phase, long SinceTimestamp)
{
    public TimeSpan TimeInPhase(TimeProvider time, long atTimestamp) => time.GetElapsedTime(SinceTimestamp, atTimestamp);
}
