using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Interop;
using EdgeCamera.Vision.Recognition;

namespace EdgeCamera.Vision;

/// <summary>
/// Classic plate reader: crops the plate, picks the Latin character row, renders it clean and upscaled,
/// and runs Tesseract (PSM 7, A–Z0–9 whitelist); the result is canonicalised by <see cref="PlateTextCanonicalizer"/>.
/// Owns one <see cref="TesseractEngine"/>; not thread-safe.
/// </summary>
public sealed class TesseractPlateReader : IPlateReader, IDisposable
{
    /// <summary>Margin added around the detector box: detector boxes can clip the outermost characters.</summary>
    private const double CropMarginX = 0.06;
    private const double CropMarginY = 0.12;

    /// <summary>Each corrected character costs this factor of confidence.</summary>
    private const float SubstitutionPenalty = 0.85f;

    /// <summary>Reads matching no known format are kept (country "??") at this share of their confidence.</summary>
    private const float UnknownFormatPenalty = 0.5f;

    private const int MinPlateChars = 3;

    /// <summary>Confidence factor for a read whose length differs from the number of glyphs segmented.</summary>
    private const float GlyphCountMismatchPenalty = 0.7f;

    private static readonly TesseractPageMode[] PageModes =
        [TesseractPageMode.SingleLine, TesseractPageMode.RawLine, TesseractPageMode.SingleWord];

    private readonly TesseractEngine _engine;
    private readonly GrayImage _crop = new();
    private readonly GrayImage _line = new();
    private readonly CharacterRowFinder _rowFinder = new();
    private readonly CharacterRow _row = new();
    private readonly List<RecognisedSymbol> _symbols = new(32);

    public TesseractPlateReader()
        : this(new TesseractEngine(whitelist: PlateFormats.OcrAlphabet))
    {
    }

    /// <summary>Takes ownership of <paramref name="engine"/>.</summary>
    public TesseractPlateReader(TesseractEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
    {
        ArgumentNullException.ThrowIfNull(frame);
        text = null;
        PixelBox crop = plate.Inflate(CropMarginX, CropMarginY).Clamp(frame.Width, frame.Height);
        if (crop.Width < 16 || crop.Height < 8)
        {
            return false;
        }

        GrayConverter.Crop(frame, crop, _crop);
        if (!_rowFinder.TryFind(_crop, _row))
        {
            return false;
        }

        int glyphs = OcrLineRenderer.Render(_crop, _row, _line);

        // PSM 7 first; Tesseract's single-line mode sometimes drops an edge glyph (a "J" after "S" on DejaVu
        // Sans Bold), so when the character count disagrees with the glyphs we drew, try the other line modes.
        float bestScore = float.NegativeInfinity;
        foreach (TesseractPageMode mode in PageModes)
        {
            _symbols.Clear();
            string raw = _engine.Recognise(_line.Pixels, _line.Width, _line.Height, _symbols, mode);
            if (!TryBuild(raw, _symbols, out PlateText? candidate))
            {
                continue;
            }

            bool countMatches = candidate.Text.Length == glyphs;
            if (countMatches && candidate.Country != PlateFormats.UnknownCountry)
            {
                text = candidate;
                return true;
            }

            float score = candidate.Confidence * (countMatches ? 1f : GlyphCountMismatchPenalty);
            if (score > bestScore)
            {
                bestScore = score;
                text = candidate with { Confidence = score };
            }
        }

        return text is not null;
    }

    public void Dispose()
    {
        _engine.Dispose();
        _crop.Dispose();
        _line.Dispose();
        _rowFinder.Dispose();
    }

    /// <summary>Canonicalises raw OCR output and attaches per-character confidences.</summary>
    internal static bool TryBuild(string raw, IReadOnlyList<RecognisedSymbol> symbols, [NotNullWhen(true)] out PlateText? text)
    {
        text = null;
        string cleaned = PlateTextCanonicalizer.Clean(raw);
        if (cleaned.Length < MinPlateChars)
        {
            return false;
        }

        var confidences = new List<float>(cleaned.Length);
        foreach (RecognisedSymbol symbol in symbols)
        {
            if (PlateTextCanonicalizer.Clean(symbol.Text).Length > 0)
            {
                confidences.Add(symbol.Confidence);
            }
        }

        if (confidences.Count != cleaned.Length)
        {
            float mean = confidences.Count == 0 ? 0.5f : confidences.Average();
            confidences.Clear();
            confidences.AddRange(Enumerable.Repeat(mean, cleaned.Length));
        }

        float confidence = confidences.Count == 0 ? 0 : confidences.Min();
        confidence = (confidence + confidences.Average()) / 2f;
        if (PlateTextCanonicalizer.TryFit(cleaned, out CanonicalPlate? fitted))
        {
            confidence *= MathF.Pow(SubstitutionPenalty, fitted.Value.Substitutions);
            text = new PlateText(fitted.Value.Text, fitted.Value.Country, confidence, confidences);
            return true;
        }

        text = new PlateText(cleaned, PlateFormats.UnknownCountry, confidence * UnknownFormatPenalty, confidences);
        return true;
    }
}
