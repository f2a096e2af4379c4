using System.Buffers;
using System.Runtime.InteropServices;
using EdgeCamera.Hardware.Camera;
using SkiaSharp;

namespace EdgeCamera.Vision;

/// <summary>JPEG encoding of BGR24 frames and crops through SkiaSharp (which has linux-arm64 natives).</summary>
public static class JpegEncoder
{
    public static byte[] Encode(Frame frame, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return EncodeBgr(frame.ReadOnlyPixels, frame.Width, frame.Height, new PixelBox(0, 0, frame.Width, frame.Height), quality);
    }

    public static byte[] EncodeCrop(Frame frame, PixelBox box, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return EncodeBgr(frame.ReadOnlyPixels, frame.Width, frame.Height, box, quality);
    }

    /// <summary>Encodes <paramref name="box"/> of a packed BGR24 image (stride = width × 3).</summary>
    public static byte[] EncodeBgr(ReadOnlySpan<byte> bgr, int width, int height, PixelBox box, int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bgr.Length, width * height * 3);
        PixelBox clamped = box.Clamp(width, height);
        if (clamped.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(box), box, "The box does not overlap the image.");
        }

        int outWidth = clamped.Width;
        int outHeight = clamped.Height;
        byte[] bgra = ArrayPool<byte>.Shared.Rent(outWidth * outHeight * 4);
        try
        {
            int srcStride = width * 3;
            for (int y = 0; y < outHeight; y++)
            {
                ReadOnlySpan<byte> src = bgr.Slice(((clamped.Y + y) * srcStride) + (clamped.X * 3), outWidth * 3);
                Span<byte> dst = bgra.AsSpan(y * outWidth * 4, outWidth * 4);
                for (int x = 0, s = 0, d = 0; x < outWidth; x++, s += 3, d += 4)
                {
                    dst[d] = src[s];
                    dst[d + 1] = src[s + 1];
                    dst[d + 2] = src[s + 2];
                    dst[d + 3] = 255;
                }
            }

            var info = new SKImageInfo(outWidth, outHeight, SKColorType.Bgra8888, SKAlphaType.Opaque);
            GCHandle pin = GCHandle.Alloc(bgra, GCHandleType.Pinned);
            try
            {
                using var pixmap = new SKPixmap(info, pin.AddrOfPinnedObject(), outWidth * 4);
                using SKData data = pixmap.Encode(SKEncodedImageFormat.Jpeg, Math.Clamp(quality, 1, 100))
                    ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG.");
                return data.ToArray();
            }
            finally
            {
                pin.Free();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bgra);
        }
    }
}
