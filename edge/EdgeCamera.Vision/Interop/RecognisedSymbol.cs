namespace EdgeCamera.Vision;

/// <summary>One symbol Tesseract recognised, with its confidence in [0, 1].</summary>
public readonly record struct RecognisedSymbol(string Text, float Confidence);
