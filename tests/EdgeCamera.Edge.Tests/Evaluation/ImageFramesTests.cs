using EdgeCamera.Edge.Commands;
using SkiaSharp;

namespace EdgeCamera.Edge.Tests.Evaluation;

public sealed class ImageFramesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-frames-").FullName;

    [Fact]
    public void A_photo_loads_as_a_bgr_frame_of_its_size_with_its_pixels()
    {
        var path = Path.Combine(_dir, "three.png");
        using (var bitmap = new SKBitmap(3, 2, SKColorType.Rgba8888, SKAlphaType.Premul))
        {
            bitmap.Erase(new SKColor(10, 20, 30));
            bitmap.SetPixel(0, 0, new SKColor(255, 0, 0));
            bitmap.SetPixel(2, 1, new SKColor(0, 0, 255));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }

        Assert.True(ImageFrames.TryLoad(path, out var frame, out var error), error);
        using (frame)
        {
            Assert.Equal((3, 2), (frame!.Width, frame.Height));
            byte[] expected =
            [
                0, 0, 255, 30, 20, 10, 30, 20, 10,
                30, 20, 10, 30, 20, 10, 255, 0, 0,
            ];
            Assert.Equal(expected, frame.Pixels.ToArray());
        }
    }

    [Fact]
    public void A_file_that_is_no_image_is_refused_with_its_name()
    {
        var path = Path.Combine(_dir, "notes.jpg");
        File.WriteAllText(path, "not a photograph");

        Assert.False(ImageFrames.TryLoad(path, out var frame, out var error));
        Assert.Null(frame);
        Assert.Contains("notes.jpg", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
