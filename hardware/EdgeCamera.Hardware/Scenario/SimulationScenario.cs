namespace EdgeCamera.Hardware.Scenario;

/// <summary>
/// A timed list of road events. With <paramref name="Repeat"/> it plays again every <paramref name="Duration"/>,
/// as the simulated camera loops its clip.
/// </summary>
public sealed record SimulationScenario(IReadOnlyList<ScenarioEvent> Events, TimeSpan Duration, bool Repeat)
{
    public IReadOnlyList<ScenarioEvent> Ordered { get; } = [.. Events.OrderBy(e => e.At)];
}
