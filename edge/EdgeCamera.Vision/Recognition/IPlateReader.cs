using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>Reads the text of one plate found by an <see cref="IPlateDetector"/>.</summary>
public interface IPlateReader
{
    /// <summary>Returns false (never throws for bad pixels) when nothing plausible is read.</summary>
    bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text);
}
