using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// Cuts a box out of a BGR frame and stretches it to a fixed grey size straight into a reused float buffer
/// (pixel/255), as the recogniser expects (models/CONTRACT.md). Shrinking averages source blocks (area filter);
/// enlarging interpolates bilinearly. Grey weights: ITU-R BT.601 luma.
/// </summary>
internal sealed class GreyCropSampler(int width, int height)
{
    private const float InverseByte = 1f / 255f;

    public int Width { get; } = width;

    public int Height { get; } = height;

    public void Sample(Frame frame, PixelBox box, Span<float> destination)
    {
        if (destination.Length < Width * Height)
        {
            throw new ArgumentException("destination is smaller than the crop", nameof(destination));
        }

        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        int stride = frame.Stride;
        double sx = (double)box.Width / Width;
        double sy = (double)box.Height / Height;
        for (int oy = 0; oy < Height; oy++)
        {
            for (int ox = 0; ox < Width; ox++)
            {
                destination[(oy * Width) + ox] = sx > 1 || sy > 1
                    ? AreaMean(pixels, stride, frame, box, ox, oy, sx, sy)
                    : Bilinear(pixels, stride, frame, box, ox, oy, sx, sy);
            }
        }
    }

    private static float Luma(ReadOnlySpan<byte> pixels, int offset) =>
        (0.114f * pixels[offset]) + (0.587f * pixels[offset + 1]) + (0.299f * pixels[offset + 2]);

    private static float AreaMean(ReadOnlySpan<byte> pixels, int stride, Frame frame, PixelBox box, int ox, int oy, double sx, double sy)
    {
        int x0 = Math.Clamp(box.X + (int)(ox * sx), 0, frame.Width - 1);
        int x1 = Math.Clamp(box.X + (int)((ox + 1) * sx), x0 + 1, frame.Width);
        int y0 = Math.Clamp(box.Y + (int)(oy * sy), 0, frame.Height - 1);
        int y1 = Math.Clamp(box.Y + (int)((oy + 1) * sy), y0 + 1, frame.Height);
        float sum = 0;
        for (int y = y0; y < y1; y++)
        {
            int rowOffset = y * stride;
            for (int x = x0; x < x1; x++)
            {
                sum += Luma(pixels, rowOffset + (x * 3));
            }
        }

        return sum * InverseByte / ((x1 - x0) * (y1 - y0));
    }

    private static float Bilinear(ReadOnlySpan<byte> pixels, int stride, Frame frame, PixelBox box, int ox, int oy, double sx, double sy)
    {
        double fx = Math.Clamp(box.X + ((ox + 0.5) * sx) - 0.5, 0, frame.Width - 1);
        double fy = Math.Clamp(box.Y + ((oy + 0.5) * sy) - 0.5, 0, frame.Height - 1);
        int x0 = (int)fx;
        int y0 = (int)fy;
        int x1 = Math.Min(x0 + 1, frame.Width - 1);
        int y1 = Math.Min(y0 + 1, frame.Height - 1);
        float ax = (float)(fx - x0);
        float ay = (float)(fy - y0);
        float top = (Luma(pixels, (y0 * stride) + (x0 * 3)) * (1 - ax)) + (Luma(pixels, (y0 * stride) + (x1 * 3)) * ax);
        float bottom = (Luma(pixels, (y1 * stride) + (x0 * 3)) * (1 - ax)) + (Luma(pixels, (y1 * stride) + (x1 * 3)) * ax);
        return ((top * (1 - ay)) + (bottom * ay)) * InverseByte;
    }
}
