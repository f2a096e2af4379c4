using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// The "Forwarding" config section: the cloud outbox (how many at once, when to give up) and the resilience pipeline
/// of the national system's HTTP client (retries inside one attempt, circuit breaker). Where and how fast to call is in
/// "NationalSystem" (<see cref="NationalSystemOptions"/>: base URL, per-call timeout, the outbox's backoff between attempts).
/// </summary>
public sealed class ForwardingOptions
{
    public const string Section = "Forwarding";

    /// <summary>Records claimed from the store per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Calls to the national system in flight at once, per node.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>A claimed record belongs to this node for this long; then another node may take it (this node died).
    /// Longer than one attempt with its retries can last.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Outbox attempts (each with its in-call retries) before a record is dead-lettered. With the backoff capped at
    /// NationalSystem:RetryMaxDelay (1 min) 500 attempts outlast an outage of ~8 hours.</summary>
    [Range(1, 100_000)]
    public int MaxAttempts { get; set; } = 500;

    /// <summary>Retries inside one attempt (exponential backoff with jitter, Polly) for 5xx, 408, 429 and network errors.</summary>
    [Range(0, 10)]
    public int CallRetries { get; set; } = 2;

    public TimeSpan CallRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when this share of calls failed within <see cref="CircuitSamplingDuration"/>…</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many calls were made in it.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While open, calls fail at once without reaching the national system; then one trial call decides.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
