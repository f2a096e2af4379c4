using EdgeCamera.Hardware.Signals;

namespace EdgeCamera.Hardware.Scenario;

/// <summary>The signal of <paramref name="Approach"/> changes to <paramref name="Phase"/>.</summary>
public sealed record SignalPhaseEvent(TimeSpan At, string Approach, SignalPhase Phase) : ScenarioEvent(At);
