namespace EdgeCamera.Hardware.Scenario;

/// <summary>Something that happens on the simulated road, <paramref name="At"/> after the scenario's start.</summary>
public abstract record ScenarioEvent(TimeSpan At);
