namespace EdgeCamera.Contracts.Evidence;

/// <summary>What the device reports the vehicle for: a type code from the site's fines table and its description.</summary>
public sealed record ViolationInfo(string TypeCode, string Description);
