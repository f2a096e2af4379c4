using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// Focus and exposure of a plate's pixels, for aiming the camera: focus = variance of the 4-neighbour Laplacian of
/// the grey crop (the classic blur measure, Pech-Pacheco et al. 2000; the same kernel as OpenCV's Laplacian with
/// ksize 1), exposure = mean luma (ITU-R BT.601 weights), both on 0–255 grey levels.
/// </summary>
public static class PlateImageQuality
{
    /// <summary>Measures <paramref name="box"/> of <paramref name="frame"/>; false when the box is too small to measure.</summary>
    public static bool TryMeasure(Frame frame, PixelBox box, out double focusScore, out double meanLuma)
    {
        ArgumentNullException.ThrowIfNull(frame);
        focusScore = 0;
        meanLuma = 0;
        var b = box.Clamp(frame.Width, frame.Height);
        if (b.Width < 3 || b.Height < 3)
        {
            return false;
        }

        var grey = new byte[b.Width * b.Height];
        var pixels = frame.ReadOnlyPixels;
        long lumaSum = 0;
        for (var y = 0; y < b.Height; y++)
        {
            var row = pixels.Slice(((b.Y + y) * frame.Stride) + (b.X * 3), b.Width * 3);
            for (var x = 0; x < b.Width; x++)
            {
                // BT.601 luma in fixed point: (29 B + 150 G + 77 R) / 256.
                var l = ((29 * row[x * 3]) + (150 * row[(x * 3) + 1]) + (77 * row[(x * 3) + 2])) >> 8;
                grey[(y * b.Width) + x] = (byte)l;
                lumaSum += l;
            }
        }

        meanLuma = (double)lumaSum / grey.Length;
        focusScore = LaplacianVariance(grey, b.Width, b.Height);
        return true;
    }

    internal static double LaplacianVariance(byte[] grey, int width, int height)
    {
        double sum = 0;
        double sumSquares = 0;
        var n = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var i = (y * width) + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - (4 * grey[i]);
                sum += lap;
                sumSquares += lap * lap;
                n++;
            }
        }

        if (n == 0)
        {
            return 0;
        }

        var mean = sum / n;
        return (sumSquares / n) - (mean * mean);
    }
}
