namespace EdgeCamera.Violations.Geometry;

/// <summary>A point in the camera image, in full-resolution pixels (x right, y down).</summary>
public readonly record struct ImagePoint(double X, double Y);
