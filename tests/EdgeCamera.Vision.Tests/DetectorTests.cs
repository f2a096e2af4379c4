using SkiaSharp;

namespace EdgeCamera.Vision.Tests;

public sealed class DetectorTests
{
    [Theory]
    [InlineData(200, 44)]
    [InlineData(120, 27)]
    [InlineData(300, 64)]
    public void Detector_finds_a_white_plate_on_a_dark_car(int plateWidth, int plateHeight)
    {
        var plate = SKRect.Create(900, 640, plateWidth, plateHeight);
        using var frame = SyntheticScene.Render(1920, 1080, 0, c =>
            SyntheticScene.DrawCarWithPlate(c, plate, "3903 BSJ", new SKColor(40, 45, 60), new SKColor(20, 20, 25)));
        using var detector = new ClassicPlateDetector();
        Span<PlateCandidate> found = stackalloc PlateCandidate[16];

        int count = detector.Detect(frame, found);

        var expected = new PixelBox(900, 640, plateWidth, plateHeight);
        Assert.InRange(count, 1, 3);
        Assert.Contains(found[..count].ToArray(), c => c.Box.Iou(expected) > 0.5);
    }

    [Fact]
    public void Detector_finds_a_plate_with_blue_characters_on_a_white_car()
    {
        var plate = SKRect.Create(400, 300, 180, 40);
        using var frame = SyntheticScene.Render(1920, 1080, 0, c =>
            SyntheticScene.DrawCarWithPlate(c, plate, "1234 AB 00", new SKColor(225, 228, 230), new SKColor(20, 40, 140)));
        using var detector = new ClassicPlateDetector();
        Span<PlateCandidate> found = stackalloc PlateCandidate[16];

        int count = detector.Detect(frame, found);

        Assert.Contains(found[..count].ToArray(), c => c.Box.Iou(new PixelBox(400, 300, 180, 40)) > 0.4);
    }

    [Fact]
    public void Detector_ignores_a_blank_frame()
    {
        using var frame = SyntheticScene.Blank(1920, 1080, 128);
        using var detector = new ClassicPlateDetector();
        Span<PlateCandidate> found = stackalloc PlateCandidate[16];

        Assert.Equal(0, detector.Detect(frame, found));
    }

    [Fact]
    public void Detector_ignores_a_car_without_a_plate()
    {
        using var frame = SyntheticScene.Render(1920, 1080, 0, c =>
        {
            c.Clear(new SKColor(110, 110, 105));
            using var body = new SKPaint { Color = new SKColor(40, 45, 60), IsAntialias = true };
            c.DrawRoundRect(SKRect.Create(500, 400, 900, 500), 40, 40, body);
        });
        using var detector = new ClassicPlateDetector();
        Span<PlateCandidate> found = stackalloc PlateCandidate[16];

        Assert.Equal(0, detector.Detect(frame, found));
    }
}
