namespace EdgeCamera.Vision;

/// <summary>
/// A plate read: canonical text (Latin letters and Western digits, left to right, no spaces),
/// the country ("SA", "KW", "MR", or "??" when no known format matches), and confidences in [0, 1].
/// </summary>
public sealed record PlateText(string Text, string Country, float Confidence, IReadOnlyList<float> CharConfidences)
{
    /// <summary>
    /// The Arabic half of a bilingual plate as read, transliterated to canonical Latin letters and Western digits
    /// (the official letter table), so it compares with <see cref="Text"/>; null when the reader did not read one.
    /// </summary>
    public string? ArabicHalf { get; init; }

    /// <summary>Whether the Arabic half says the same as the Latin half; null when there is no Arabic half read.</summary>
    public bool? HalvesAgree => ArabicHalf is null ? null : string.Equals(ArabicHalf, Text, StringComparison.Ordinal);

    /// <summary>Which reader produced the text ("onnx", "tesseract", "onnx+tesseract").</summary>
    public string Source { get; init; } = "tesseract";
}
