using SkiaSharp;

namespace EdgeCamera.Vision.Tests;

public sealed class JpegEncoderTests
{
    [Fact]
    public void Jpeg_encode_round_trips_the_frame_dimensions()
    {
        using var frame = SyntheticScene.Render(641, 359, 0, c => c.Clear(new SKColor(10, 120, 230)));

        byte[] jpeg = JpegEncoder.Encode(frame, 85);

        using SKBitmap decoded = SKBitmap.Decode(jpeg);
        Assert.Equal(641, decoded.Width);
        Assert.Equal(359, decoded.Height);
        SKColor centre = decoded.GetPixel(320, 180);
        Assert.InRange(centre.Red, 0, 30);
        Assert.InRange(centre.Blue, 210, 250);
    }

    [Fact]
    public void Jpeg_crop_round_trips_the_clamped_box_dimensions()
    {
        using var frame = SyntheticScene.Blank(320, 240, 50);

        byte[] inside = JpegEncoder.EncodeCrop(frame, new PixelBox(10, 20, 100, 40), 90);
        byte[] clipped = JpegEncoder.EncodeCrop(frame, new PixelBox(300, 200, 100, 100), 90);

        using SKBitmap a = SKBitmap.Decode(inside);
        using SKBitmap b = SKBitmap.Decode(clipped);
        Assert.Equal((100, 40), (a.Width, a.Height));
        Assert.Equal((20, 40), (b.Width, b.Height));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.EncodeCrop(frame, new PixelBox(500, 500, 10, 10), 90));
    }

    [Fact]
    public void TurboJpeg_and_skia_encode_the_same_crop_of_a_frame()
    {
        Assert.True(Interop.TurboJpegApi.IsAvailable, "libturbojpeg.so.0 is missing: scripts/setup.sh installs libturbojpeg0");
        using var frame = SyntheticScene.Render(320, 240, 0, c =>
        {
            c.Clear(new SKColor(200, 30, 30));
            using var blue = new SKPaint { Color = new SKColor(20, 40, 220) };
            c.DrawRect(160, 0, 160, 240, blue); // right half blue
        });
        var box = new PixelBox(150, 100, 60, 30); // 10 px of red, then blue: the row pitch must be the frame's

        using SKBitmap turbo = SKBitmap.Decode(JpegEncoder.EncodeWithTurboJpeg(frame.ReadOnlyPixels, 320, box, 90));
        using SKBitmap skia = SKBitmap.Decode(JpegEncoder.EncodeWithSkia(frame.ReadOnlyPixels, 320, box, 90));

        Assert.Equal((60, 30), (turbo.Width, turbo.Height));
        Assert.Equal((skia.Width, skia.Height), (turbo.Width, turbo.Height));
        Assert.InRange(turbo.GetPixel(3, 15).Red, 170, 230);
        Assert.InRange(turbo.GetPixel(40, 15).Blue, 190, 250);
        for (int y = 0; y < 30; y += 5)
        {
            for (int x = 0; x < 60; x += 5)
            {
                SKColor a = turbo.GetPixel(x, y), b = skia.GetPixel(x, y);
                Assert.InRange(Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue), 0, 60);
            }
        }
    }

    [Fact]
    public void Pixel_box_iou_and_clamp_behave()
    {
        var a = new PixelBox(0, 0, 10, 10);
        Assert.Equal(1.0, a.Iou(a));
        Assert.Equal(0.0, a.Iou(new PixelBox(20, 20, 5, 5)));
        Assert.Equal(25.0 / 175.0, a.Iou(new PixelBox(5, 5, 10, 10)), 6);
        Assert.Equal(new PixelBox(0, 0, 5, 4), new PixelBox(-3, -2, 8, 6).Clamp(100, 100));
    }
}
