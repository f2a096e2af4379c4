using System.Runtime.CompilerServices;

namespace EdgeCamera.Hardware.Camera;

/// <summary>
/// Reads a <see cref="Frame"/> of either format as BGR or grey: for the few places that want colour pixels of a part
/// of a frame (a plate crop, a preview, the Skia fallback encoder), not for the per-frame hot paths, which read the
/// planes themselves. I420 → BGR is ITU-R BT.601 limited range in 8-bit fixed point (the integer form of BT.601's
/// matrix that libyuv and swscale use), chroma taken from the 2 × 2 block a pixel lies in.
/// </summary>
public static class FrameBgr
{
    // 255/219 luma expansion (BT.601: black at Y 16, white at Y 235), rounded and clamped: the grey value PIL's
    // convert("L") (BT.601 luma weights) gives for the RGB pixel this Y decodes to, since the chroma terms cancel.
    private static readonly byte[] GreyOfLuma = BuildGreyTable();

    // 255/224 chroma expansion about 128 (BT.601: chroma 16–240), for JPEG's full-range YCbCr (JFIF).
    private static readonly byte[] FullRangeChroma = BuildChromaTable();

    /// <summary>Full-range grey (0–255) of a limited-range luma byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte GreyOf(byte luma) => GreyOfLuma[luma];

    /// <summary>
    /// Rewrites a limited-range I420 image (video's Y 16–235, chroma 16–240) as full-range I420 — JPEG's YCbCr (JFIF),
    /// which is what an encoder that takes planes expects; left as they are, the picture would be washed out.
    /// </summary>
    public static void ToFullRange(ReadOnlySpan<byte> i420, int width, int height, Span<byte> fullRange)
    {
        int luma = width * height;
        int length = Frame.ByteCount(width, height, FramePixelFormat.I420);
        ArgumentOutOfRangeException.ThrowIfLessThan(i420.Length, length);
        ArgumentOutOfRangeException.ThrowIfLessThan(fullRange.Length, length);
        for (int i = 0; i < luma; i++)
        {
            fullRange[i] = GreyOfLuma[i420[i]];
        }

        for (int i = luma; i < length; i++)
        {
            fullRange[i] = FullRangeChroma[i420[i]];
        }
    }

    /// <summary>One pixel of BT.601 limited-range YUV as B, G, R.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToBgr(int y, int u, int v, out byte b, out byte g, out byte r)
    {
        int c = 298 * (y - 16);
        int d = u - 128;
        int e = v - 128;
        b = Clamp((c + (516 * d) + 128) >> 8);
        g = Clamp((c - (100 * d) - (208 * e) + 128) >> 8);
        r = Clamp((c + (409 * e) + 128) >> 8);
    }

    /// <summary>
    /// Writes every <paramref name="step"/>-th pixel of the rectangle (x, y, width, height) — which must lie inside the
    /// frame — as packed BGR into <paramref name="bgr"/>: ⌈width/step⌉ × ⌈height/step⌉ pixels.
    /// </summary>
    public static void Copy(Frame frame, int x, int y, int width, int height, int step, Span<byte> bgr)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > frame.Width || y + height > frame.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "the rectangle is not inside the frame");
        }

        int outWidth = (width + step - 1) / step;
        int outHeight = (height + step - 1) / step;
        ArgumentOutOfRangeException.ThrowIfLessThan(bgr.Length, outWidth * outHeight * 3);
        if (frame.Format == FramePixelFormat.Bgr24)
        {
            CopyFromBgr(frame, x, y, step, outWidth, outHeight, bgr);
            return;
        }

        ConvertI420(frame.ReadOnlyPixels, frame.Width, frame.Height, x, y, step, outWidth, outHeight, bgr);
    }

    /// <summary>As <see cref="Copy"/>, from a bare I420 buffer of the given size (a frame's bytes kept for later).</summary>
    public static void CopyI420(ReadOnlySpan<byte> i420, int frameWidth, int frameHeight, int x, int y, int width, int height, Span<byte> bgr)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > frameWidth || y + height > frameHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "the rectangle is not inside the image");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(i420.Length, Frame.ByteCount(frameWidth, frameHeight, FramePixelFormat.I420));
        ArgumentOutOfRangeException.ThrowIfLessThan(bgr.Length, width * height * 3);
        ConvertI420(i420, frameWidth, frameHeight, x, y, 1, width, height, bgr);
    }

    private static void ConvertI420(ReadOnlySpan<byte> i420, int frameWidth, int frameHeight, int x, int y, int step, int outWidth, int outHeight, Span<byte> bgr)
    {
        int chromaWidth = (frameWidth + 1) / 2;
        int chromaPlane = chromaWidth * ((frameHeight + 1) / 2);
        ReadOnlySpan<byte> luma = i420[..(frameWidth * frameHeight)];
        ReadOnlySpan<byte> us = i420.Slice(frameWidth * frameHeight, chromaPlane);
        ReadOnlySpan<byte> vs = i420.Slice((frameWidth * frameHeight) + chromaPlane, chromaPlane);
        for (int oy = 0; oy < outHeight; oy++)
        {
            int sy = y + (oy * step);
            ReadOnlySpan<byte> lumaRow = luma.Slice(sy * frameWidth, frameWidth);
            ReadOnlySpan<byte> uRow = us.Slice((sy >> 1) * chromaWidth, chromaWidth);
            ReadOnlySpan<byte> vRow = vs.Slice((sy >> 1) * chromaWidth, chromaWidth);
            Span<byte> output = bgr.Slice(oy * outWidth * 3, outWidth * 3);
            for (int ox = 0, sx = x; ox < outWidth; ox++, sx += step)
            {
                ToBgr(lumaRow[sx], uRow[sx >> 1], vRow[sx >> 1], out output[3 * ox], out output[(3 * ox) + 1], out output[(3 * ox) + 2]);
            }
        }
    }

    /// <summary>BT.601 grey (0–255) of the rectangle, one byte a pixel, row-major: from the luma plane of an I420 frame,
    /// from (29 B + 150 G + 77 R) / 256 of a BGR one.</summary>
    public static void CopyGrey(Frame frame, int x, int y, int width, int height, Span<byte> grey)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > frame.Width || y + height > frame.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "the rectangle is not inside the frame");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(grey.Length, width * height);
        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        for (int r = 0; r < height; r++)
        {
            Span<byte> output = grey.Slice(r * width, width);
            if (frame.Format == FramePixelFormat.I420)
            {
                ReadOnlySpan<byte> row = pixels.Slice(((y + r) * frame.Width) + x, width);
                for (int c = 0; c < width; c++)
                {
                    output[c] = GreyOfLuma[row[c]];
                }

                continue;
            }

            ReadOnlySpan<byte> bgrRow = pixels.Slice(((y + r) * frame.Stride) + (x * 3), width * 3);
            for (int c = 0; c < width; c++)
            {
                output[c] = (byte)(((29 * bgrRow[3 * c]) + (150 * bgrRow[(3 * c) + 1]) + (77 * bgrRow[(3 * c) + 2])) >> 8);
            }
        }
    }

    private static void CopyFromBgr(Frame frame, int x, int y, int step, int outWidth, int outHeight, Span<byte> bgr)
    {
        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        for (int oy = 0; oy < outHeight; oy++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(((y + (oy * step)) * frame.Stride) + (x * 3));
            Span<byte> output = bgr.Slice(oy * outWidth * 3, outWidth * 3);
            if (step == 1)
            {
                row[..output.Length].CopyTo(output);
                continue;
            }

            for (int ox = 0, s = 0; ox < outWidth; ox++, s += step * 3)
            {
                output[3 * ox] = row[s];
                output[(3 * ox) + 1] = row[s + 1];
                output[(3 * ox) + 2] = row[s + 2];
            }
        }
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static byte[] BuildChromaTable()
    {
        var table = new byte[256];
        for (int c = 0; c < 256; c++)
        {
            table[c] = (byte)Math.Clamp((int)Math.Round(128 + ((c - 128) * 255.0 / 224.0)), 0, 255);
        }

        return table;
    }

    private static byte[] BuildGreyTable()
    {
        var table = new byte[256];
        for (int y = 0; y < 256; y++)
        {
            table[y] = (byte)Math.Clamp((int)Math.Round((y - 16) * 255.0 / 219.0), 0, 255);
        }

        return table;
    }
}
