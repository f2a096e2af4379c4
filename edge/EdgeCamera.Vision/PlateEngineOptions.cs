namespace EdgeCamera.Vision;

/// <summary>Which plate finder and reader run (config section "Vision").</summary>
public sealed class PlateEngineOptions
{
    public const string Section = "Vision";

    /// <summary>Onnx (learned models, Tesseract on low confidence), OnnxOnly, or Classic (the baseline).</summary>
    public PlateEngineKind Engine { get; set; } = PlateEngineKind.Classic;
}
