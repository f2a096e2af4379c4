using EdgeCamera.Hardware.Camera;
using SkiaSharp;

namespace EdgeCamera.Vision.Tests;

/// <summary>Draws test frames with SkiaSharp and converts them to BGR24 <see cref="Frame"/>s.</summary>
internal static class SyntheticScene
{
    public const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf";

    public static Frame Render(int width, int height, long sequence, Action<SKCanvas> draw, DateTimeOffset? time = null)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            draw(canvas);
        }

        return ToFrame(bitmap, sequence, time ?? DateTimeOffset.UnixEpoch.AddSeconds(sequence / 25.0));
    }

    public static Frame ToFrame(SKBitmap bitmap, long sequence, DateTimeOffset time)
    {
        using SKBitmap bgra = bitmap.ColorType == SKColorType.Bgra8888 ? bitmap.Copy() : bitmap.Copy(SKColorType.Bgra8888);
        var frame = new Frame(bgra.Width, bgra.Height, sequence, time, 0);
        ReadOnlySpan<byte> src = bgra.GetPixelSpan();
        Span<byte> dst = frame.Pixels;
        for (int y = 0; y < bgra.Height; y++)
        {
            ReadOnlySpan<byte> srcRow = src.Slice(y * bgra.RowBytes, bgra.Width * 4);
            Span<byte> dstRow = dst.Slice(y * frame.Stride, frame.Stride);
            for (int x = 0; x < bgra.Width; x++)
            {
                dstRow[x * 3] = srcRow[x * 4];
                dstRow[(x * 3) + 1] = srcRow[(x * 4) + 1];
                dstRow[(x * 3) + 2] = srcRow[(x * 4) + 2];
            }
        }

        return frame;
    }

    public static Frame FromPng(string path, long sequence)
    {
        using SKBitmap bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"Cannot decode {path}.");
        return ToFrame(bitmap, sequence, DateTimeOffset.UnixEpoch);
    }

    /// <summary>A grey road with a dark car body and a one-row plate (white field, dark text) at <paramref name="plate"/>.</summary>
    public static void DrawCarWithPlate(SKCanvas canvas, SKRect plate, string text, SKColor body, SKColor ink)
    {
        canvas.Clear(new SKColor(110, 110, 105));
        SKRect car = SKRect.Inflate(plate, plate.Width * 2.5f, plate.Height * 4f);
        using var bodyPaint = new SKPaint { Color = body, IsAntialias = true };
        canvas.DrawRoundRect(car, 40, 40, bodyPaint);
        DrawPlate(canvas, plate, text, ink);
    }

    public static void DrawPlate(SKCanvas canvas, SKRect plate, string text, SKColor ink)
    {
        using var field = new SKPaint { Color = new SKColor(245, 245, 240), IsAntialias = true };
        using var border = new SKPaint { Color = ink, IsStroke = true, StrokeWidth = Math.Max(1.5f, plate.Height / 30f), IsAntialias = true };
        canvas.DrawRect(plate, field);
        canvas.DrawRect(plate, border);
        using SKTypeface typeface = SKTypeface.FromFile(FontPath);
        using var font = new SKFont(typeface, plate.Height * 0.7f);
        using var textPaint = new SKPaint { Color = ink, IsAntialias = true };
        float textWidth = font.MeasureText(text);
        float scaleX = Math.Min(1f, plate.Width * 0.9f / textWidth);
        canvas.Save();
        canvas.Translate(plate.MidX, plate.MidY + (plate.Height * 0.25f));
        canvas.Scale(scaleX, 1f);
        canvas.DrawText(text, 0, 0, SKTextAlign.Center, font, textPaint);
        canvas.Restore();
    }

    public static Frame Noise(int width, int height, int seed)
    {
        var frame = new Frame(width, height, 0, DateTimeOffset.UnixEpoch, 0);
        new Random(seed).NextBytes(frame.Pixels);
        return frame;
    }

    public static Frame Blank(int width, int height, byte value)
    {
        var frame = new Frame(width, height, 0, DateTimeOffset.UnixEpoch, 0);
        frame.Pixels.Fill(value);
        return frame;
    }
}
