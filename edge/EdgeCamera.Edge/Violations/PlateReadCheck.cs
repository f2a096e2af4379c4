using System.Text.RegularExpressions;
using EdgeCamera.Violations.Rules;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// Whether a read is plausible as a whole plate, which a fine needs: its text fits a full plate of its country and its
/// vote confidence is at least <see cref="ViolationStageOptions.MinimumPlateConfidence"/>. A fragment the reader got
/// alone (7977 of 7977750, no fuller read to drop it against: <see cref="PartialReadGuard"/>) fails here; its
/// violation goes to manual review (<see cref="WithheldStore"/>) instead of a notice.
/// </summary>
public sealed class PlateReadCheck(float minimumConfidence, int minimumPlateLength)
{
    /// <summary>What the withheld record says, before the particular reason.</summary>
    public const string ReviewReason = "plate read incomplete or unverifiable, for manual review";

    /// <summary>Reason labels (metrics, logs).</summary>
    public const string Incomplete = "incomplete";

    public const string LowConfidence = "low-confidence";

    /// <summary>Full plates per country, from models/plategen/formats/*.json, stricter than the reader's
    /// <see cref="PlateFormats"/> (which also fit partial reads so that OCR confusions can be fixed per position):
    /// Saudi plates always carry three letters after 1–4 digits (<see cref="PlateFormats.SaudiWholePlate"/>);
    /// Mauritanian plates are 4 digits, 2 letters, a 2-digit region (mr-private.json). Kuwait's plates are digits only
    /// (kw-private.json: code 1–99 then number 1–99999), so any fragment of one is itself a valid shorter plate: its
    /// reads must also be <c>minimumPlateLength</c> long.</summary>
    private static readonly Dictionary<string, Regex> FullPlates = new(StringComparer.Ordinal)
    {
        [PlateFormats.Saudi.Country] = PlateFormats.SaudiWholePlate,
        [PlateFormats.Mauritania.Country] = PlateFormats.Mauritania.Regex,
        [PlateFormats.Kuwait.Country] = PlateFormats.Kuwait.Regex,
    };

    private static readonly HashSet<string> DigitsOnly = new(StringComparer.Ordinal) { PlateFormats.Kuwait.Country };

    /// <summary>True when a fine may rest on this read; else the flag and a line for people saying why.</summary>
    public bool IsEnforceable(string text, string country, float confidence, out ViolationFlags flag, out string reason, out string detail)
    {
        var known = FullPlates.TryGetValue(country, out var format);
        if (known && !format!.IsMatch(text))
        {
            return Fail(ViolationFlags.PlateReadIncomplete, Incomplete, $"'{text}' is not a full {country} plate ({format})", out flag, out reason, out detail);
        }

        if ((!known || DigitsOnly.Contains(country)) && (text.Length < minimumPlateLength || !text.All(char.IsAsciiLetterOrDigit)))
        {
            var what = known ? $"a digits-only {country} plate" : $"a plate of no known format (country {country})";
            return Fail(ViolationFlags.PlateReadIncomplete, Incomplete, $"'{text}' is {what} shorter than {minimumPlateLength} characters", out flag, out reason, out detail);
        }

        if (confidence < minimumConfidence)
        {
            return Fail(ViolationFlags.PlateReadLowConfidence, LowConfidence, $"'{text}' read with confidence {confidence:F2}, under {minimumConfidence:F2}", out flag, out reason, out detail);
        }

        (flag, reason, detail) = (ViolationFlags.None, "", "");
        return true;
    }

    private static bool Fail(ViolationFlags why, string code, string line, out ViolationFlags flag, out string reason, out string detail)
    {
        (flag, reason, detail) = (why, code, line);
        return false;
    }
}
