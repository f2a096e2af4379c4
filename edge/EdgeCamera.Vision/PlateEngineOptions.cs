namespace EdgeCamera.Vision;

/// <summary>Which plate finder and reader run (config section "Vision").</summary>
public sealed class PlateEngineOptions
{
    public const string Section = "Vision";

    /// <summary>Onnx (the learned models), OnnxTesseract (with Tesseract below a confidence, for measurement), or Classic (the baseline).</summary>
    public PlateEngineKind Engine { get; set; } = PlateEngineKind.Onnx;
}
