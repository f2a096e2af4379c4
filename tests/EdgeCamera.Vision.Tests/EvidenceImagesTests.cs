using System.Buffers;
using EdgeCamera.Hardware.Camera;
using SkiaSharp;

namespace EdgeCamera.Vision.Tests;

public sealed class EvidenceImagesTests
{
    [Fact]
    public void The_pictures_are_encoded_once_when_first_asked_for_frame_and_crop_at_their_sizes()
    {
        const int width = 320, height = 240;
        byte[] pixels = ArrayPool<byte>.Shared.Rent(width * height * 3);
        pixels.AsSpan(0, width * height * 3).Fill(128);
        var images = new EvidenceImages(pixels, width, height, FramePixelFormat.Bgr24, new PixelBox(100, 100, 60, 20), quality: 85);

        byte[] frame = images.FrameJpeg;
        byte[] crop = images.CropJpeg;

        Assert.Same(frame, images.FrameJpeg); // not encoded again
        using (var decoded = SKBitmap.Decode(frame))
        {
            Assert.Equal((width, height), (decoded.Width, decoded.Height));
        }

        using (var decoded = SKBitmap.Decode(crop))
        {
            Assert.Equal((60, 20), (decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public void Encoding_ahead_gives_the_same_pictures_later()
    {
        byte[] pixels = ArrayPool<byte>.Shared.Rent(64 * 48 * 3);
        pixels.AsSpan(0, 64 * 48 * 3).Fill(90);
        var images = new EvidenceImages(pixels, 64, 48, FramePixelFormat.Bgr24, new PixelBox(8, 8, 20, 10), quality: 80);

        images.Encode();
        byte[] frame = images.FrameJpeg;
        images.Encode(); // a second call changes nothing

        Assert.Same(frame, images.FrameJpeg);
        Assert.NotEmpty(images.CropJpeg);
    }
}
