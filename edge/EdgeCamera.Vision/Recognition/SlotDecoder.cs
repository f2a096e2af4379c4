namespace EdgeCamera.Vision;

/// <summary>
/// Reads a slot output of the recogniser (models/CONTRACT.md): per slot a probability per class, class 0 the
/// empty slot, class k the k-th alphabet character. The text is the non-empty slots' best characters in order;
/// its confidence the product of every slot's best probability (empty slots included: they carry the length).
/// </summary>
internal static class SlotDecoder
{
    public static string Decode(ReadOnlySpan<float> probabilities, int slots, string alphabet, Span<float> charConfidences, out int length, out float confidence)
    {
        int classes = alphabet.Length + 1;
        Span<char> text = stackalloc char[slots];
        length = 0;
        confidence = 1f;
        for (int slot = 0; slot < slots; slot++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(slot * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (p[c] > p[best])
                {
                    best = c;
                }
            }

            confidence *= p[best];
            if (best != 0)
            {
                charConfidences[length] = p[best];
                text[length++] = alphabet[best - 1];
            }
        }

        return new string(text[..length]);
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
