namespace EdgeCamera.Vision;

/// <summary>
/// A plate read: canonical text (Latin letters and Western digits, left to right, no spaces),
/// the country ("SA", "KW", "MR", or "??" when no known format matches), and confidences in [0, 1].
/// </summary>
public sealed record PlateText(string Text, string Country, float Confidence, IReadOnlyList<float> CharConfidences);
