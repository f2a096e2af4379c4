namespace EdgeCamera.Bench.Engines;

/// <summary>The plate finders and readers the bench compares, in the order it runs them.</summary>
internal enum BenchEngineKind
{
    /// <summary>The product: the ONNX detector and recogniser.</summary>
    Onnx,

    /// <summary>The ONNX models with Tesseract as second opinion on low confidence (measured, not shipped).</summary>
    OnnxTesseract,

    /// <summary>Our classic plate finder and Tesseract (the skeleton's engine).</summary>
    Classic,

    /// <summary>Issue 4's baseline: OpenCV's Haar cascade plus our Tesseract reader on each box.</summary>
    Haar,
}
