namespace EdgeCamera.Hardware.Signals;

/// <summary>The traffic signal's phase per approach, now and in the recent past.</summary>
public interface ISignalMonitor
{
    IReadOnlyCollection<string> Approaches { get; }

    /// <summary>The phase now; false for an unknown approach or before the first reading.</summary>
    bool TryRead(string approach, out SignalState state);

    /// <summary>The phase in force at a past monotonic <paramref name="timestamp"/>.</summary>
    bool TryGetPhaseAt(string approach, long timestamp, out SignalState state);

    /// <summary>The phase in force at <paramref name="fromTimestamp"/> and every change up to <paramref name="toTimestamp"/>
    /// (what a rule needs about a vehicle's time in the picture); empty for an unknown approach.</summary>
    IReadOnlyList<SignalState> PhasesBetween(string approach, long fromTimestamp, long toTimestamp);
}
