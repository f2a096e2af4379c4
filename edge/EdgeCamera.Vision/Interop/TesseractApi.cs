using System.Runtime.InteropServices;

namespace EdgeCamera.Vision.Interop;

/// <summary>
/// Thin P/Invoke layer over Tesseract's C API (/usr/include/tesseract/capi.h, Debian libtesseract5 5.3).
/// Only the calls the plate reader needs. Strings returned as <c>char*</c> are freed with <see cref="TessDeleteText"/>.
/// </summary>
internal static partial class TesseractApi
{
    /// <summary>Debian's SONAME on amd64 and arm64.</summary>
    public const string Library = "libtesseract.so.5";

    /// <summary>TessOcrEngineMode.OEM_LSTM_ONLY (capi.h).</summary>
    public const int OemLstmOnly = 1;

    /// <summary>TessOcrEngineMode.OEM_DEFAULT (capi.h).</summary>
    public const int OemDefault = 3;

    /// <summary>TessPageSegMode.PSM_SINGLE_LINE (capi.h): treat the image as a single text line.</summary>
    public const int PsmSingleLine = 7;

    /// <summary>TessPageSegMode.PSM_SINGLE_WORD (capi.h).</summary>
    public const int PsmSingleWord = 8;

    /// <summary>TessPageSegMode.PSM_RAW_LINE (capi.h): single line, bypassing Tesseract's layout heuristics.</summary>
    public const int PsmRawLine = 13;

    /// <summary>TessPageIteratorLevel.RIL_SYMBOL (capi.h).</summary>
    public const int RilSymbol = 4;

    [LibraryImport(Library)]
    public static partial nint TessBaseAPICreate();

    [LibraryImport(Library)]
    public static partial void TessBaseAPIDelete(nint handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIEnd(nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit2(TesseractHandle handle, string? dataPath, string language, int oem);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(TesseractHandle handle, string name, string value);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetPageSegMode(TesseractHandle handle, int mode);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetSourceResolution(TesseractHandle handle, int ppi);

    [LibraryImport(Library)]
    public static unsafe partial void TessBaseAPISetImage(
        TesseractHandle handle, byte* imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIRecognize(TesseractHandle handle, nint monitor);

    [LibraryImport(Library)]
    public static partial nint TessBaseAPIGetUTF8Text(TesseractHandle handle);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIMeanTextConf(TesseractHandle handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIClear(TesseractHandle handle);

    [LibraryImport(Library)]
    public static partial void TessDeleteText(nint text);

    [LibraryImport(Library)]
    public static partial nint TessBaseAPIGetIterator(TesseractHandle handle);

    [LibraryImport(Library)]
    public static partial void TessResultIteratorDelete(nint iterator);

    [LibraryImport(Library)]
    public static partial int TessResultIteratorNext(nint iterator, int level);

    [LibraryImport(Library)]
    public static partial nint TessResultIteratorGetUTF8Text(nint iterator, int level);

    [LibraryImport(Library)]
    public static partial float TessResultIteratorConfidence(nint iterator, int level);

    /// <summary>Copies and frees a <c>char*</c> returned by Tesseract.</summary>
    public static string TakeText(nint text)
    {
        if (text == 0)
        {
            return string.Empty;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text) ?? string.Empty;
        }
        finally
        {
            TessDeleteText(text);
        }
    }
}
