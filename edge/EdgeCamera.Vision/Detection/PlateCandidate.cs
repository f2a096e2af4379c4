namespace EdgeCamera.Vision;

/// <summary>A plate found in a frame: its box in full-resolution pixels and a detector score in [0, 1].</summary>
public readonly record struct PlateCandidate(PixelBox Box, float Score);
