using EdgeCamera.Vision.Interop;

namespace EdgeCamera.Vision;

/// <summary>The Tesseract page segmentation modes the plate reader uses (values of TessPageSegMode, capi.h).</summary>
public enum TesseractPageMode
{
    SingleLine = TesseractApi.PsmSingleLine,
    SingleWord = TesseractApi.PsmSingleWord,
    RawLine = TesseractApi.PsmRawLine,
}
