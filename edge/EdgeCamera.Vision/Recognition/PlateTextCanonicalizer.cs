using System.Diagnostics.CodeAnalysis;

namespace EdgeCamera.Vision;

/// <summary>A canonical plate string, its country and how many characters were corrected to get there.</summary>
public readonly record struct CanonicalPlate(string Text, string Country, int Substitutions);

/// <summary>
/// Turns raw OCR output into canonical plate text: keeps Latin letters and Western digits,
/// then fits it to the formats in <see cref="PlateFormats"/>, fixing per-position confusions (O→0, 8→B, …).
/// The best fit is the one with the fewest corrections; ties go to the earlier format.
/// </summary>
public static class PlateTextCanonicalizer
{
    /// <summary>Uppercases and drops everything that is not A–Z or 0–9.</summary>
    public static string Clean(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return string.Create(raw.Count(IsPlateChar), raw, static (span, source) =>
        {
            int i = 0;
            foreach (char c in source)
            {
                if (IsPlateChar(c))
                {
                    span[i++] = char.ToUpperInvariant(c);
                }
            }
        });
    }

    /// <summary>
    /// Fits <paramref name="cleaned"/> (output of <see cref="Clean"/>) to a known format, position for position
    /// (the result has the same length, so per-character confidences still line up).
    /// </summary>
    public static bool TryFit(string cleaned, [NotNullWhen(true)] out CanonicalPlate? plate)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        plate = null;
        if (cleaned.Length == 0)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[cleaned.Length];
        Span<char> best = stackalloc char[cleaned.Length];
        int bestSubstitutions = int.MaxValue;
        PlateFormat? bestFormat = null;
        foreach (PlateFormat format in PlateFormats.All)
        {
            int substitutions = FitSegments(cleaned, 0, format.Segments, 0, buffer, 0, bestSubstitutions);
            if (substitutions < bestSubstitutions && format.Regex.IsMatch(buffer))
            {
                bestSubstitutions = substitutions;
                bestFormat = format;
                buffer.CopyTo(best);
            }
        }

        if (bestFormat is null)
        {
            return false;
        }

        plate = new CanonicalPlate(best.ToString(), bestFormat.Country, bestSubstitutions);
        return true;
    }

    /// <summary>Canonical text and country, or the cleaned text with <see cref="PlateFormats.UnknownCountry"/>.</summary>
    public static CanonicalPlate Canonicalize(string raw)
    {
        string cleaned = Clean(raw);
        return TryFit(cleaned, out CanonicalPlate? plate)
            ? plate.Value
            : new CanonicalPlate(cleaned, PlateFormats.UnknownCountry, 0);
    }

    private static bool IsPlateChar(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetter(c);

    /// <summary>
    /// Depth-first search over segment lengths; writes the best completion into <paramref name="output"/>
    /// and returns its substitution count (int.MaxValue when nothing fits within <paramref name="budget"/>).
    /// </summary>
    private static int FitSegments(
        string text, int position, IReadOnlyList<PlateSegment> segments, int segmentIndex, Span<char> output, int spent, int budget)
    {
        if (segmentIndex == segments.Count)
        {
            return position == text.Length ? spent : int.MaxValue;
        }

        PlateSegment segment = segments[segmentIndex];
        int best = int.MaxValue;
        Span<char> scratch = stackalloc char[output.Length];
        int remaining = text.Length - position;
        for (int length = segment.MinLength; length <= Math.Min(segment.MaxLength, remaining); length++)
        {
            int cost = spent;
            output.CopyTo(scratch);
            bool fits = true;
            for (int i = position; i < position + length && fits; i++)
            {
                fits = TryMap(text[i], segment, out scratch[i], out bool substituted);
                cost += substituted ? 1 : 0;
            }

            if (!fits || cost >= Math.Min(best, budget))
            {
                continue;
            }

            int total = FitSegments(text, position + length, segments, segmentIndex + 1, scratch, cost, Math.Min(best, budget));
            if (total < best)
            {
                best = total;
                scratch.CopyTo(output);
            }
        }

        return best;
    }

    private static bool TryMap(char c, PlateSegment segment, out char mapped, out bool substituted)
    {
        substituted = false;
        mapped = c;
        if (segment.Alphabet.Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        IReadOnlyDictionary<char, string> table = segment.Class == PlateCharClass.Digit
            ? PlateFormats.LetterToDigit
            : PlateFormats.ToLetter;
        if (table.TryGetValue(c, out string? options))
        {
            foreach (char option in options)
            {
                if (segment.Alphabet.Contains(option, StringComparison.Ordinal))
                {
                    mapped = option;
                    substituted = true;
                    return true;
                }
            }
        }

        return false;
    }
}
