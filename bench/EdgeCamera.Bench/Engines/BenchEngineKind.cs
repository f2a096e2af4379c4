namespace EdgeCamera.Bench.Engines;

/// <summary>The plate finders and readers the bench compares, in the order it runs them.</summary>
internal enum BenchEngineKind
{
    /// <summary>The product: ONNX detector and recogniser, Tesseract as second opinion on low confidence.</summary>
    Onnx,

    /// <summary>The ONNX detector and recogniser alone.</summary>
    OnnxOnly,

    /// <summary>Our classic plate finder and Tesseract (the skeleton's engine).</summary>
    Classic,

    /// <summary>Issue 4's baseline: OpenCV's Haar cascade plus our Tesseract reader on each box.</summary>
    Haar,
}
