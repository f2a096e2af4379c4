namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// The plate as the device read it. <see cref="Text"/> is canonical: Latin letters and Western digits as printed,
/// left to right, no spaces. <see cref="TextArabic"/> is the Arabic-script line as printed, when the reader read it
/// (null otherwise). <see cref="Country"/> is ISO 3166-1 alpha-2 ("SA", "KW", "MR") or "??" when unknown.
/// <see cref="Confidence"/> is 0–1; <see cref="Votes"/> the frames that agreed on the text.
/// </summary>
public sealed record PlateObservation(string Text, string Country, double Confidence, int Votes, string TravelDirection)
{
    public string? TextArabic { get; init; }
}
