namespace EdgeCamera.Edge.Status;

/// <summary>What the cabinet's status LED tells a passer-by or technician at a glance.</summary>
public enum UnitState
{
    /// <summary>Camera frames arriving and the cloud connected: LED steady on.</summary>
    Ok,

    /// <summary>The camera is silent or the cloud unreachable (evidence waits in the outbox): LED blinks slowly (1 Hz).</summary>
    Degraded,

    /// <summary>The cabinet door is open: LED blinks fast (4 Hz), whatever else holds.</summary>
    Tamper,
}
