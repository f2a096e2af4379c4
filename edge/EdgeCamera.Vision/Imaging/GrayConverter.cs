using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Imaging;

/// <summary>Converts frames to luma, optionally box-downscaled by an integer factor: from BGR24 by the weights below,
/// from I420 by its luma plane expanded to full range (<see cref="FrameBgr.GreyOf"/>).</summary>
internal static class GrayConverter
{
    /// <summary>
    /// Luma approximation (B + 2G + R) / 4 averaged over factor × factor blocks. The integer weights
    /// are close to BT.601 (0.114, 0.587, 0.299) and keep dark blue characters dark.
    /// </summary>
    public static void Downscale(Frame frame, int factor, GrayImage target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        int outWidth = frame.Width / factor;
        int outHeight = frame.Height / factor;
        target.Resize(outWidth, outHeight);
        if (frame.Format == FramePixelFormat.I420)
        {
            DownscaleLuma(frame, factor, target);
            return;
        }

        ReadOnlySpan<byte> bgr = frame.ReadOnlyPixels;
        int stride = frame.Stride;
        int divisorShiftless = factor * factor * 4;
        for (int oy = 0; oy < outHeight; oy++)
        {
            Span<byte> outRow = target.Row(oy);
            for (int ox = 0; ox < outWidth; ox++)
            {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++)
                {
                    int offset = (((oy * factor) + dy) * stride) + (ox * factor * 3);
                    ReadOnlySpan<byte> px = bgr.Slice(offset, factor * 3);
                    for (int i = 0; i < px.Length; i += 3)
                    {
                        sum += px[i] + (px[i + 1] << 1) + px[i + 2];
                    }
                }

                outRow[ox] = (byte)(sum / divisorShiftless);
            }
        }
    }

    /// <summary>Full-resolution luma of <paramref name="box"/> (already clamped to the frame).</summary>
    public static void Crop(Frame frame, PixelBox box, GrayImage target)
    {
        target.Resize(box.Width, box.Height);
        if (frame.Format == FramePixelFormat.I420)
        {
            ReadOnlySpan<byte> luma = frame.LumaPlane;
            for (int y = 0; y < box.Height; y++)
            {
                ReadOnlySpan<byte> src = luma.Slice(((box.Y + y) * frame.Width) + box.X, box.Width);
                Span<byte> dst = target.Row(y);
                for (int x = 0; x < dst.Length; x++)
                {
                    dst[x] = FrameBgr.GreyOf(src[x]);
                }
            }

            return;
        }

        ReadOnlySpan<byte> bgr = frame.ReadOnlyPixels;
        int stride = frame.Stride;
        for (int y = 0; y < box.Height; y++)
        {
            ReadOnlySpan<byte> src = bgr.Slice(((box.Y + y) * stride) + (box.X * 3), box.Width * 3);
            Span<byte> dst = target.Row(y);
            for (int x = 0; x < dst.Length; x++)
            {
                int i = x * 3;
                dst[x] = (byte)((src[i] + (src[i + 1] << 1) + src[i + 2]) >> 2);
            }
        }
    }

    private static void DownscaleLuma(Frame frame, int factor, GrayImage target)
    {
        ReadOnlySpan<byte> luma = frame.LumaPlane;
        int area = factor * factor;
        for (int oy = 0; oy < target.Height; oy++)
        {
            Span<byte> outRow = target.Row(oy);
            for (int ox = 0; ox < outRow.Length; ox++)
            {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++)
                {
                    ReadOnlySpan<byte> px = luma.Slice((((oy * factor) + dy) * frame.Width) + (ox * factor), factor);
                    for (int i = 0; i < px.Length; i++)
                    {
                        sum += px[i];
                    }
                }

                outRow[ox] = FrameBgr.GreyOf((byte)(sum / area));
            }
        }
    }
}
