namespace EdgeCamera.Contracts.Evidence;

/// <summary>One measured quantity behind a violation. <see cref="Unit"/> is a UCUM-style symbol ("s", "ms", "km/h", "m").
/// Intervals are taken from the monotonic clock, never from differences of wall-clock times.</summary>
public sealed record Measurement(string Name, double Value, string Unit);
