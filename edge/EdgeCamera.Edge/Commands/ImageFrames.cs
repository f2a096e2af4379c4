using System.Buffers;
using System.Runtime.InteropServices;
using EdgeCamera.Hardware.Camera;
using SkiaSharp;

namespace EdgeCamera.Edge.Commands;

/// <summary>Loads a still image (JPEG, PNG) as a BGR <see cref="Frame"/>, the same form the camera delivers.</summary>
/// <remarks>
/// Decodes with <see cref="SKCodec"/> into a pooled buffer rather than through <c>SKBitmap.Decode</c>: the bitmaps'
/// native pixels (8 MB for a 1920×1080 photo) were freed only when the finaliser ran, and with a managed heap of a few
/// megabytes that is rarely, so <c>edgecam eval</c> on the 1,803 test scenes grew past 12 GB and was killed (measured
/// 2026-11-28: 8 MB of working set per photo loaded; flat with the codec).
/// </remarks>
public static class ImageFrames
{
    public static bool TryLoad(string path, out Frame? frame, out string error)
    {
        frame = null;
        using var codec = SKCodec.Create(path);
        if (codec is null)
        {
            error = $"'{path}' is not an image SkiaSharp can decode";
            return false;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        byte[] bgra = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        try
        {
            var handle = GCHandle.Alloc(bgra, GCHandleType.Pinned);
            SKCodecResult result;
            try
            {
                result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            }
            finally
            {
                handle.Free();
            }

            // An incomplete image (a truncated file) still decodes the rows it has; the rest stay as the codec fills them.
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                error = $"'{path}' could not be decoded: {result}";
                return false;
            }

            frame = new Frame(info.Width, info.Height, 0, DateTimeOffset.UtcNow, 0);
            var bgr = frame.Pixels;
            for (int i = 0, j = 0; j < bgr.Length; i += 4, j += 3)
            {
                bgr[j] = bgra[i];
                bgr[j + 1] = bgra[i + 1];
                bgr[j + 2] = bgra[i + 2];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bgra);
        }

        error = string.Empty;
        return true;
    }
}
