namespace EdgeCamera.Vision;

/// <summary>
/// A plate read: canonical text (Latin letters and Western digits, left to right, no spaces),
/// the country ("SA", "KW", "MR", or "??" when no known format matches), and confidences in [0, 1].
/// </summary>
public sealed record PlateText(string Text, string Country, float Confidence, IReadOnlyList<float> CharConfidences)
{
    /// <summary>
    /// The halves are said to differ only where every differing character was read with at least this confidence in
    /// both halves. Chosen on synthetic scenes kept apart from the main test sets (scenes-val and the decorated test
    /// set, 2026-11-27): at 0.9 genuine plates wrongly flagged as differing fell from 53 to 1 and mismatched plates
    /// caught from 22 to 12 of 37; models/cards/plate-recogniser.md has the figures.
    /// </summary>
    public const float DifferMinCharConfidence = 0.9f;

    /// <summary>
    /// The halves are said to agree only where every character of the Arabic half was read with at least this
    /// confidence: the Arabic head tends to echo the Latin read (9 of 10 training plates agree), so an unsure Arabic
    /// read that equals the Latin one is no evidence that the plate's halves agree. Chosen on scenes-val2-1080
    /// (2026-11-28, plate-detector 5): flagged correctly 98.1 % of 591 → 99.1 % of 557; then measured once on the
    /// 1920×1080 test scenes: 98.7 % of 925 → 99.3 % of 875 (models/cards/plate-recogniser.md).
    /// </summary>
    public const float AgreeMinCharConfidence = 0.9f;

    /// <summary>
    /// The Arabic half of a bilingual plate as read, transliterated to canonical Latin letters and Western digits
    /// (the official letter table), so it compares with <see cref="Text"/>; null when the reader did not read one.
    /// </summary>
    public string? ArabicHalf { get; init; }

    /// <summary>The official Latin → Arabic letter table of the reader's model (null: it names none), kept so the
    /// Arabic half can be written in Arabic script when it is needed (<see cref="ArabicScript"/>) instead of on every
    /// frame's read.</summary>
    public IReadOnlyDictionary<char, char>? ArabicLetters { get; init; }

    /// <summary><see cref="ArabicHalf"/> in Arabic script, in reading order (<see cref="ArabicLine"/>), composed on
    /// each call; null when there is no Arabic half or no letter table.</summary>
    public string? ArabicScript => ArabicLine.Compose(ArabicHalf, ArabicLetters);

    /// <summary>Per-character confidences of <see cref="ArabicHalf"/>, in its order.</summary>
    public IReadOnlyList<float> ArabicCharConfidences { get; init; } = [];

    /// <summary>
    /// Whether the Arabic half says the same as the Latin half: true when they read the same and every Arabic character
    /// was read confidently (<see cref="AgreeMinCharConfidence"/>); false only when they
    /// have the same length and both halves read each differing character confidently
    /// (<see cref="DifferMinCharConfidence"/>), since a mismatched plate is a fraud signal someone will act on;
    /// null when there is no Arabic half or the difference may be a misread (not compared).
    /// </summary>
    public bool? HalvesAgree
    {
        get
        {
            if (ArabicHalf is null)
            {
                return null;
            }

            if (string.Equals(ArabicHalf, Text, StringComparison.Ordinal))
            {
                return ArabicReadConfidently() ? true : null;
            }

            if (ArabicHalf.Length != Text.Length || CharConfidences.Count < Text.Length || ArabicCharConfidences.Count < ArabicHalf.Length)
            {
                return null;
            }

            for (var i = 0; i < Text.Length; i++)
            {
                if (Text[i] != ArabicHalf[i] && Math.Min(CharConfidences[i], ArabicCharConfidences[i]) < DifferMinCharConfidence)
                {
                    return null;
                }
            }

            return false;
        }
    }

    private bool ArabicReadConfidently()
    {
        if (ArabicHalf is null || ArabicCharConfidences.Count < ArabicHalf.Length)
        {
            return false;
        }

        for (var i = 0; i < ArabicHalf.Length; i++)
        {
            if (ArabicCharConfidences[i] < AgreeMinCharConfidence)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Which reader produced the text ("onnx", "tesseract", "onnx+tesseract").</summary>
    public string Source { get; init; } = "tesseract";
}
