namespace EdgeCamera.Cloud.Forwarding;

/// <summary>What one call to the national intake came to.</summary>
public enum ForwardOutcome
{
    /// <summary>A violation number came back (new, or the same one again for a repeated idempotency key).</summary>
    Delivered,

    /// <summary>Worth trying again later: 5xx, 408, 429, a network error, a timeout, the circuit open.</summary>
    Transient,

    /// <summary>Refused for good: a 4xx other than 408/429. Trying again sends the same bytes to the same refusal.</summary>
    Permanent,
}
