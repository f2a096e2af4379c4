namespace EdgeCamera.Hardware.Tamper;

/// <summary>The cabinet door as last settled, since when (monotonic), and how often it has been opened since start.</summary>
public readonly record struct TamperState(CabinetDoor Door, long SinceTimestamp, int Openings);
