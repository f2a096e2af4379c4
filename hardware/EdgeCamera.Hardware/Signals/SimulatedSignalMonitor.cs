namespace EdgeCamera.Hardware.Signals;

/// <summary>Signal phases set by a scenario (<see cref="Scenario.ScenarioPlayer"/>) or a test.</summary>
public sealed class SimulatedSignalMonitor : ISignalMonitor
{
    private readonly Dictionary<string, SignalPhaseHistory> _histories;

    public SimulatedSignalMonitor(IEnumerable<string> approaches)
    {
        _histories = approaches.ToDictionary(a => a, a => new SignalPhaseHistory(a), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Approaches => _histories.Keys;

    /// <summary>Sets <paramref name="approach"/> to <paramref name="phase"/> from monotonic <paramref name="timestamp"/> on.</summary>
    public bool Set(string approach, SignalPhase phase, long timestamp) =>
        _histories.TryGetValue(approach, out var h) && h.Record(phase, timestamp);

    public bool TryRead(string approach, out SignalState state)
    {
        state = default;
        return _histories.TryGetValue(approach, out var h) && h.TryGetCurrent(out state);
    }

    public bool TryGetPhaseAt(string approach, long timestamp, out SignalState state)
    {
        state = default;
        return _histories.TryGetValue(approach, out var h) && h.TryGetPhaseAt(timestamp, out state);
    }

    public IReadOnlyList<SignalState> PhasesBetween(string approach, long fromTimestamp, long toTimestamp) =>
        _histories.TryGetValue(approach, out var h) ? h.Between(fromTimestamp, toTimestamp) : [];
}
