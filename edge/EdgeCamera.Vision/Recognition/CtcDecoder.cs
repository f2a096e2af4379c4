namespace EdgeCamera.Vision;

/// <summary>
/// Greedy CTC decoding of a recogniser output (models/CONTRACT.md, <c>"decoding": "ctc"</c>): per column a
/// probability per class, class 0 the blank, class k the k-th alphabet character. The text is the columns' best
/// classes with repeats merged and blanks dropped (Graves et al. 2006, best-path decoding). A character's
/// confidence is the highest probability over the run of columns that emitted it; the read's confidence is the
/// product over all columns of their best probability (the best path's probability), so blanks carry the length.
/// </summary>
internal static class CtcDecoder
{
    public static string Decode(ReadOnlySpan<float> probabilities, int columns, string alphabet, Span<float> charConfidences, out int length, out float confidence)
    {
        int classes = alphabet.Length + 1;
        Span<char> text = stackalloc char[columns];
        length = 0;
        confidence = 1f;
        int previous = 0;
        for (int column = 0; column < columns; column++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(column * classes, classes);
            int best = SlotDecoder.ArgMax(p);
            confidence *= p[best];
            if (best != 0 && best == previous)
            {
                charConfidences[length - 1] = MathF.Max(charConfidences[length - 1], p[best]);
            }
            else if (best != 0)
            {
                charConfidences[length] = p[best];
                text[length++] = alphabet[best - 1];
            }

            previous = best;
        }

        return new string(text[..length]);
    }
}
