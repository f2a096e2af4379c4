using EdgeCamera.Hardware.Camera;
using SkiaSharp;

namespace EdgeCamera.Edge.Commands;

/// <summary>Loads a still image (JPEG, PNG) as a BGR <see cref="Frame"/>, the same form the camera delivers.</summary>
public static class ImageFrames
{
    public static bool TryLoad(string path, out Frame? frame, out string error)
    {
        frame = null;
        using var decoded = SKBitmap.Decode(path);
        if (decoded is null)
        {
            error = $"'{path}' is not an image SkiaSharp can decode";
            return false;
        }

        using var bitmap = decoded.ColorType == SKColorType.Bgra8888 ? decoded.Copy() : decoded.Copy(SKColorType.Bgra8888);
        frame = new Frame(bitmap.Width, bitmap.Height, 0, DateTimeOffset.UtcNow, 0);
        var bgra = bitmap.GetPixelSpan();
        var bgr = frame.Pixels;
        for (int i = 0, j = 0; j < bgr.Length; i += 4, j += 3)
        {
            bgr[j] = bgra[i];
            bgr[j + 1] = bgra[i + 1];
            bgr[j + 2] = bgra[i + 2];
        }

        error = string.Empty;
        return true;
    }
}
