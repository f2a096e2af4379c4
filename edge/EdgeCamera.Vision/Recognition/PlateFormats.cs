using System.Text.RegularExpressions;

namespace EdgeCamera.Vision;

/// <summary>Whether a plate position holds a digit or a letter.</summary>
public enum PlateCharClass
{
    Digit,
    Letter,
}

/// <summary>A run of positions of one class, e.g. "1 to 4 digits".</summary>
public sealed record PlateSegment(PlateCharClass Class, int MinLength, int MaxLength, string Alphabet);

/// <summary>
/// One country's canonical plate text: <see cref="Pattern"/> is the source of truth; <see cref="Segments"/>
/// describe the same pattern position by position so OCR confusions can be fixed per position.
/// </summary>
public sealed record PlateFormat(string Country, string Pattern, IReadOnlyList<PlateSegment> Segments)
{
    public Regex Regex { get; } = new(Pattern, PlateFormats.LinearRegex, Regex.InfiniteMatchTimeout);
}

/// <summary>The plate formats the edge knows, in order of preference when a read fits several equally well.</summary>
public static class PlateFormats
{
    public const string UnknownCountry = "??";

    /// <summary>How plate patterns are matched: in time linear in the read's length (NonBacktracking), so without a
    /// timeout. A 50 ms timeout fired on a loaded machine (a descheduled thread, 2026-11-27) and threw in the read
    /// path.</summary>
    public const RegexOptions LinearRegex = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking;

    public const string Digits = "0123456789";

    public const string LatinLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The 17 Latin letters used on Saudi plates (Saudi Traffic Department letter table).</summary>
    public const string SaudiLetters = "ABDEGHJKLNRSTUVXZ";

    /// <summary>Characters the OCR may emit for the Latin row: what Tesseract's whitelist is set to.</summary>
    public const string OcrAlphabet = LatinLetters + Digits;

    /// <summary>Mauritania: "1234 AB 00" — four digits, two letters, two-digit region code.</summary>
    public static PlateFormat Mauritania { get; } = new(
        "MR",
        @"^\d{4}[A-Z]{2}\d{2}$",
        [
            new PlateSegment(PlateCharClass.Digit, 4, 4, Digits),
            new PlateSegment(PlateCharClass.Letter, 2, 2, LatinLetters),
            new PlateSegment(PlateCharClass.Digit, 2, 2, Digits),
        ]);

    /// <summary>Saudi Arabia: up to four Western digits then up to three letters from <see cref="SaudiLetters"/>.</summary>
    public static PlateFormat Saudi { get; } = new(
        "SA",
        @"^\d{1,4}[ABDEGHJKLNRSTUVXZ]{1,3}$",
        [
            new PlateSegment(PlateCharClass.Digit, 1, 4, Digits),
            new PlateSegment(PlateCharClass.Letter, 1, 3, SaudiLetters),
        ]);

    /// <summary>A whole Saudi plate: 1–4 digits, then always three letters (sa-private.json, "always 3 letters
    /// [deW]"); <see cref="Saudi"/> also fits partial reads, so that OCR confusions can be fixed per position.</summary>
    public static Regex SaudiWholePlate { get; } = new($"^[0-9]{{1,4}}[{SaudiLetters}]{{3}}$", LinearRegex, Regex.InfiniteMatchTimeout);

    /// <summary>Kuwait: digits only (1–2 digit code plus up to 5 digit number).</summary>
    public static PlateFormat Kuwait { get; } = new(
        "KW",
        @"^\d{2,7}$",
        [
            new PlateSegment(PlateCharClass.Digit, 2, 7, Digits),
        ]);

    public static IReadOnlyList<PlateFormat> All { get; } = [Mauritania, Saudi, Kuwait];

    /// <summary>
    /// Replacements tried, in order, when OCR put a letter where a digit belongs
    /// (shape confusions of Tesseract's eng model on plate fonts).
    /// </summary>
    public static IReadOnlyDictionary<char, string> LetterToDigit { get; } = new Dictionary<char, string>
    {
        ['O'] = "0", ['Q'] = "0", ['D'] = "0", ['U'] = "0", ['C'] = "0",
        ['I'] = "1", ['L'] = "1", ['J'] = "1", ['T'] = "7", ['Z'] = "2",
        ['S'] = "5", ['B'] = "8", ['G'] = "6", ['A'] = "4", ['E'] = "3",
    };

    /// <summary>Replacements tried, in order, where a letter belongs (digits, or letters outside the alphabet).</summary>
    public static IReadOnlyDictionary<char, string> ToLetter { get; } = new Dictionary<char, string>
    {
        ['0'] = "ODQ", ['1'] = "IJLT", ['2'] = "Z", ['3'] = "E", ['4'] = "A",
        ['5'] = "S", ['6'] = "G", ['7'] = "T", ['8'] = "B",
        ['O'] = "D", ['Q'] = "D", ['C'] = "G", ['I'] = "JLT", ['M'] = "N", ['W'] = "V", ['Y'] = "V",
    };
}
