using EdgeCamera.Vision.Interop;

namespace EdgeCamera.Vision;

/// <summary>
/// A Tesseract engine set up for single-line plate text. Not thread-safe: one per reader.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    /// <summary>Debian's tesseract-ocr-* data directory.</summary>
    public const string DefaultDataPath = "/usr/share/tesseract-ocr/5/tessdata";

    private readonly TesseractHandle _handle;

    public TesseractEngine(string dataPath = DefaultDataPath, string language = "eng", string? whitelist = null)
    {
        _handle = TesseractHandle.Create();
        if (_handle.IsInvalid)
        {
            _handle.Dispose();
            throw new InvalidOperationException("TessBaseAPICreate returned null.");
        }

        if (TesseractApi.TessBaseAPIInit2(_handle, dataPath, language, TesseractApi.OemLstmOnly) != 0)
        {
            _handle.Dispose();
            throw new InvalidOperationException($"Tesseract could not load language '{language}' from '{dataPath}'.");
        }

        TesseractApi.TessBaseAPISetPageSegMode(_handle, TesseractApi.PsmSingleLine);
        if (whitelist is not null)
        {
            SetVariable("tessedit_char_whitelist", whitelist);
        }

        // Plate rows are rendered at ~40 px character height, which Tesseract treats as ~300 dpi text.
        SetVariable("user_defined_dpi", "300");
        SetVariable("debug_file", "/dev/null");
    }

    public void SetVariable(string name, string value)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (TesseractApi.TessBaseAPISetVariable(_handle, name, value) == 0)
        {
            throw new ArgumentException($"Tesseract has no variable '{name}'.", nameof(name));
        }
    }

    /// <summary>
    /// Recognises one line in an 8-bit grey image (stride = <paramref name="width"/>), dark text on light.
    /// Symbols are appended to <paramref name="symbols"/>; the return value is the full UTF-8 text.
    /// </summary>
    public unsafe string Recognise(
        ReadOnlySpan<byte> gray, int width, int height, List<RecognisedSymbol> symbols, TesseractPageMode mode = TesseractPageMode.SingleLine)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(gray.Length, width * height);
        fixed (byte* data = gray)
        {
            TesseractApi.TessBaseAPISetPageSegMode(_handle, (int)mode);
            TesseractApi.TessBaseAPISetImage(_handle, data, width, height, 1, width);
            try
            {
                if (TesseractApi.TessBaseAPIRecognize(_handle, 0) != 0)
                {
                    return string.Empty;
                }

                string text = TesseractApi.TakeText(TesseractApi.TessBaseAPIGetUTF8Text(_handle));
                ReadSymbols(symbols);
                return text;
            }
            finally
            {
                TesseractApi.TessBaseAPIClear(_handle);
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private void ReadSymbols(List<RecognisedSymbol> symbols)
    {
        nint iterator = TesseractApi.TessBaseAPIGetIterator(_handle);
        if (iterator == 0)
        {
            return;
        }

        try
        {
            do
            {
                string symbol = TesseractApi.TakeText(TesseractApi.TessResultIteratorGetUTF8Text(iterator, TesseractApi.RilSymbol));
                if (symbol.Length == 0)
                {
                    continue;
                }

                // Tesseract reports confidence as a percentage.
                float confidence = TesseractApi.TessResultIteratorConfidence(iterator, TesseractApi.RilSymbol) / 100f;
                symbols.Add(new RecognisedSymbol(symbol, Math.Clamp(confidence, 0f, 1f)));
            }
            while (TesseractApi.TessResultIteratorNext(iterator, TesseractApi.RilSymbol) != 0);
        }
        finally
        {
            TesseractApi.TessResultIteratorDelete(iterator);
        }
    }
}
