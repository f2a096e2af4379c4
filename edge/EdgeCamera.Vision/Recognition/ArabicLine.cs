using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EdgeCamera.Vision;

/// <summary>
/// Writes the Arabic half of a bilingual plate, read as canonical Latin (each Arabic glyph above its Latin twin, so
/// left to right), back in Arabic script in reading order: the plate's Arabic row read right to left, so the runs
/// come in reverse order; letters right to left, one space between them as they stand in their cells; numbers keep
/// their digit order (Arabic-Indic digits, U+0660–U+0669, are written left to right). "3903BSJ" → "ح س ب ٣٩٠٣",
/// what models/plategen writes for a Saudi plate ("{letters|arabic|reverse|spaced} {digits|arabic_indic}").
/// </summary>
public static class ArabicLine
{
    private const char ArabicIndicZero = '\u0660';

    /// <summary><see cref="TryCompose"/> for an optional half and table: null when either is missing or the half
    /// does not compose.</summary>
    public static string? Compose(string? canonical, IReadOnlyDictionary<char, char>? letters) =>
        canonical is { Length: > 0 } && letters is { Count: > 0 } && TryCompose(canonical, letters, out string? line) ? line : null;

    /// <summary>False when a letter has no Arabic twin in <paramref name="letters"/> (not a bilingual format's letter).</summary>
    public static bool TryCompose(string canonical, IReadOnlyDictionary<char, char> letters, [NotNullWhen(true)] out string? line)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        ArgumentNullException.ThrowIfNull(letters);
        line = null;
        var runs = new List<string>();
        int start = 0;
        for (int i = 1; i <= canonical.Length; i++)
        {
            if (i == canonical.Length || char.IsAsciiDigit(canonical[i]) != char.IsAsciiDigit(canonical[start]))
            {
                if (!TryRun(canonical[start..i], letters, out string? run))
                {
                    return false;
                }

                runs.Add(run);
                start = i;
            }
        }

        if (runs.Count == 0)
        {
            return false;
        }

        runs.Reverse();
        line = string.Join(' ', runs);
        return true;
    }

    private static bool TryRun(string run, IReadOnlyDictionary<char, char> letters, [NotNullWhen(true)] out string? arabic)
    {
        arabic = null;
        if (char.IsAsciiDigit(run[0]))
        {
            arabic = string.Create(run.Length, run, static (span, digits) =>
            {
                for (int i = 0; i < digits.Length; i++)
                {
                    span[i] = (char)(ArabicIndicZero + (digits[i] - '0'));
                }
            });
            return true;
        }

        var text = new StringBuilder(run.Length * 2);
        for (int i = run.Length - 1; i >= 0; i--)
        {
            if (!letters.TryGetValue(run[i], out char letter))
            {
                return false;
            }

            text.Append(letter);
            if (i > 0)
            {
                text.Append(' ');
            }
        }

        arabic = text.ToString();
        return true;
    }
}
