using System.Text;

namespace EdgeCamera.Violations.WatchList;

/// <summary>
/// A plate's text folded so that characters OCR confuses compare equal: O→0, B→8, S→5, I→1, Z→2 (upper-cased;
/// spaces and dashes dropped). Two plates with the same key may be the same plate; one character the key does not
/// fold is a different plate.
/// </summary>
public static class PlateKey
{
    public static string Fold(string plate)
    {
        var sb = new StringBuilder(plate.Length);
        foreach (var raw in plate)
        {
            var c = char.ToUpperInvariant(raw);
            if (c is ' ' or '-')
            {
                continue;
            }

            sb.Append(c switch
            {
                'O' => '0',
                'B' => '8',
                'S' => '5',
                'I' => '1',
                'Z' => '2',
                _ => c,
            });
        }

        return sb.ToString();
    }

    /// <summary>The text as entered, only upper-cased and without spaces and dashes.</summary>
    public static string Canonical(string plate) =>
        string.Concat(plate.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant));
}
