namespace EdgeCamera.Cloud.Storage;

/// <summary>Violations of one type at one site within one clock hour (UTC, the hour's start).</summary>
public sealed record HourlyCount(string SiteId, string ViolationTypeCode, DateTime HourUtc, int Count);
