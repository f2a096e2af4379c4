using EdgeCamera.Hardware.Tamper;

namespace EdgeCamera.Hardware.Scenario;

/// <summary>The cabinet door opens or closes.</summary>
public sealed record TamperEvent(TimeSpan At, CabinetDoor Door) : ScenarioEvent(At);
