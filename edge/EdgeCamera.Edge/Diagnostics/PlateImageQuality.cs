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

        // BT.601 luma: the I420 luma plane expanded to full range, or (29 B + 150 G + 77 R) / 256 of a BGR frame.
        var grey = new byte[b.Width * b.Height];
        FrameBgr.CopyGrey(frame, b.X, b.Y, b.Width, b.Height, grey);
        long lumaSum = 0;
        foreach (var l in grey)
        {
            lumaSum += l;
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
