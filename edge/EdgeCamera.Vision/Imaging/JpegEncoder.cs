using System.Buffers;
using System.Runtime.InteropServices;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Interop;
using SkiaSharp;

namespace EdgeCamera.Vision;

/// <summary>
/// JPEG encoding of frames and crops, BGR24 or I420 (an I420 whole image goes to TurboJPEG as planes, no colour
/// conversion; an I420 crop is converted to BGR first — it is small): libjpeg-turbo's TurboJPEG (Debian libturbojpeg0) when installed — a 1080p
/// frame in a fraction of SkiaSharp's time, as it reads BGR directly with SIMD (bench/README.md has the figures) —
/// else SkiaSharp (bundled linux-x64 and linux-arm64 natives). Both write baseline 4:2:0 JPEG.
/// </summary>
public static class JpegEncoder
{
    public static byte[] Encode(Frame frame, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Encode(frame.ReadOnlyPixels, frame.Width, frame.Height, frame.Format, new PixelBox(0, 0, frame.Width, frame.Height), quality);
    }

    public static byte[] EncodeCrop(Frame frame, PixelBox box, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Encode(frame.ReadOnlyPixels, frame.Width, frame.Height, frame.Format, box, quality);
    }

    /// <summary>Encodes <paramref name="box"/> of an image laid out as <paramref name="format"/> says.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, FramePixelFormat format, PixelBox box, int quality)
    {
        byte[] jpeg = [];
        EncodeAny(pixels, width, height, format, box, quality, ref jpeg, exactSize: true);
        return jpeg;
    }

    /// <summary>As <see cref="Encode(ReadOnlySpan{byte}, int, int, FramePixelFormat, PixelBox, int)"/>, into
    /// <paramref name="buffer"/> (grown when too small, else reused): the JPEG's length.</summary>
    public static int EncodeInto(ReadOnlySpan<byte> pixels, int width, int height, FramePixelFormat format, PixelBox box, int quality, ref byte[] buffer) =>
        EncodeAny(pixels, width, height, format, box, quality, ref buffer, exactSize: false);

    private static int EncodeAny(ReadOnlySpan<byte> pixels, int width, int height, FramePixelFormat format, PixelBox box, int quality, ref byte[] buffer, bool exactSize)
    {
        if (format == FramePixelFormat.Bgr24)
        {
            return Encode(pixels, width, height, box, quality, ref buffer, exactSize);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pixels.Length, Frame.ByteCount(width, height, format));
        PixelBox clamped = box.Clamp(width, height);
        if (clamped.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(box), box, "The box does not overlap the image.");
        }

        if (clamped.Width == width && clamped.Height == height && TurboJpegApi.IsAvailable)
        {
            return EncodeI420WithTurboJpeg(pixels, width, height, Math.Clamp(quality, 1, 100), ref buffer, exactSize);
        }

        byte[] bgr = ArrayPool<byte>.Shared.Rent(clamped.Width * clamped.Height * 3);
        try
        {
            FrameBgr.CopyI420(pixels, width, height, clamped.X, clamped.Y, clamped.Width, clamped.Height, bgr);
            return Encode(bgr, clamped.Width, clamped.Height, new PixelBox(0, 0, clamped.Width, clamped.Height), quality, ref buffer, exactSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bgr);
        }
    }

    private static unsafe int EncodeI420WithTurboJpeg(ReadOnlySpan<byte> i420, int width, int height, int quality, ref byte[] buffer, bool exactSize)
    {
        byte[] fullRange = ArrayPool<byte>.Shared.Rent(Frame.ByteCount(width, height, FramePixelFormat.I420));
        try
        {
            FrameBgr.ToFullRange(i420, width, height, fullRange);
            nint handle = StartCompressor();
            byte* jpeg = null;
            nuint size = 0;
            int status;
            fixed (byte* planes = fullRange)
            {
                status = TurboJpegApi.tjCompressFromYUV(handle, planes, width, 1, height, TurboJpegApi.Subsampling420,
                    &jpeg, &size, quality, 0);
            }

            return Finish(handle, status, jpeg, size, ref buffer, exactSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(fullRange);
        }
    }

    private static nint StartCompressor()
    {
        nint handle = TurboJpegApi.tjInitCompress();
        return handle != 0 ? handle : throw new InvalidOperationException("TurboJPEG could not start a compressor.");
    }

    /// <summary>After a TurboJPEG compress call: copies its JPEG out (or throws its error), then frees the JPEG and the
    /// compressor whatever happened.</summary>
    private static unsafe int Finish(nint handle, int status, byte* jpeg, nuint size, ref byte[] buffer, bool exactSize)
    {
        try
        {
            if (status != 0)
            {
                throw new InvalidOperationException(
                    $"TurboJPEG could not encode: {Marshal.PtrToStringUTF8(TurboJpegApi.tjGetErrorStr2(handle))}");
            }

            return CopyOut(new ReadOnlySpan<byte>(jpeg, checked((int)size)), ref buffer, exactSize);
        }
        finally
        {
            if (jpeg is not null)
            {
                TurboJpegApi.tjFree(jpeg);
            }

            _ = TurboJpegApi.tjDestroy(handle);
        }
    }

    /// <summary>Encodes <paramref name="box"/> of a packed BGR24 image (stride = width × 3).</summary>
    public static byte[] EncodeBgr(ReadOnlySpan<byte> bgr, int width, int height, PixelBox box, int quality)
    {
        byte[] jpeg = [];
        Encode(bgr, width, height, box, quality, ref jpeg, exactSize: true);
        return jpeg;
    }

    /// <summary>As <see cref="EncodeBgr"/>, into <paramref name="buffer"/> (grown when too small, else reused): the
    /// JPEG's length. For a caller that keeps many JPEGs and reuses their buffers (the frame ring).</summary>
    public static int EncodeBgrInto(ReadOnlySpan<byte> bgr, int width, int height, PixelBox box, int quality, ref byte[] buffer) =>
        Encode(bgr, width, height, box, quality, ref buffer, exactSize: false);

    private static int Encode(ReadOnlySpan<byte> bgr, int width, int height, PixelBox box, int quality, ref byte[] buffer, bool exactSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bgr.Length, width * height * 3);
        PixelBox clamped = box.Clamp(width, height);
        if (clamped.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(box), box, "The box does not overlap the image.");
        }

        quality = Math.Clamp(quality, 1, 100);
        if (TurboJpegApi.IsAvailable)
        {
            return EncodeWithTurboJpeg(bgr, width, clamped, quality, ref buffer, exactSize);
        }

        byte[] jpeg = EncodeWithSkia(bgr, width, clamped, quality);
        if (exactSize)
        {
            buffer = jpeg;
            return jpeg.Length;
        }

        return CopyOut(jpeg, ref buffer, exactSize: false);
    }

    internal static byte[] EncodeWithTurboJpeg(ReadOnlySpan<byte> bgr, int width, PixelBox box, int quality)
    {
        byte[] jpeg = [];
        EncodeWithTurboJpeg(bgr, width, box, quality, ref jpeg, exactSize: true);
        return jpeg;
    }

    /// <summary>Copies <paramref name="jpeg"/> into <paramref name="buffer"/>: a new array of exactly its size, or the
    /// buffer itself when it is large enough (else one a quarter larger, so a slightly bigger next JPEG fits).</summary>
    private static int CopyOut(ReadOnlySpan<byte> jpeg, ref byte[] buffer, bool exactSize)
    {
        if (exactSize || buffer.Length < jpeg.Length)
        {
            buffer = new byte[exactSize ? jpeg.Length : jpeg.Length + (jpeg.Length / 4)];
        }

        jpeg.CopyTo(buffer);
        return jpeg.Length;
    }

    /// <summary>libjpeg-turbo straight from the BGR rows (the box addressed in place through the row pitch).</summary>
    private static unsafe int EncodeWithTurboJpeg(ReadOnlySpan<byte> bgr, int width, PixelBox box, int quality, ref byte[] buffer, bool exactSize)
    {
        int pitch = width * 3;
        nint handle = StartCompressor();
        byte* jpeg = null;
        nuint size = 0;
        int status;
        fixed (byte* pixels = bgr)
        {
            byte* first = pixels + (box.Y * pitch) + (box.X * 3);
            status = TurboJpegApi.tjCompress2(handle, first, box.Width, pitch, box.Height, TurboJpegApi.PixelFormatBgr,
                &jpeg, &size, TurboJpegApi.Subsampling420, quality, 0);
        }

        return Finish(handle, status, jpeg, size, ref buffer, exactSize);
    }

    /// <summary>SkiaSharp (bundled natives): the box copied to BGRA first, as Skia has no 3-byte pixel format.</summary>
    internal static byte[] EncodeWithSkia(ReadOnlySpan<byte> bgr, int width, PixelBox clamped, int quality)
    {
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
                using SKData data = pixmap.Encode(SKEncodedImageFormat.Jpeg, quality)
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
