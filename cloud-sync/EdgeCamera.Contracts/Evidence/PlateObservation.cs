namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// The plate as the device read it. <see cref="Text"/> is canonical: Latin letters and Western digits as printed,
/// left to right, no spaces. <see cref="Country"/> is ISO 3166-1 alpha-2 ("SA", "KW", "MR") or "??" when unknown.
/// </summary>
public sealed record PlateObservation(string Text, string Country, double Confidence, int Votes, string TravelDirection);
