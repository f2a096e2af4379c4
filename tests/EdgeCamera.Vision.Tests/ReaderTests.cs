using SkiaSharp;

namespace EdgeCamera.Vision.Tests;

public sealed class ReaderTests
{
    [Theory]
    [InlineData("1234 AB 00", "1234AB00", "MR")]
    [InlineData("3903 BSJ", "3903BSJ", "SA")]
    [InlineData("8212 KLD", "8212KLD", "SA")]
    public void Reader_reads_a_clean_synthetic_plate_exactly(string printed, string expected, string country)
    {
        var plate = SKRect.Create(800, 500, 220, 48);
        using var frame = SyntheticScene.Render(1920, 1080, 0, c =>
            SyntheticScene.DrawCarWithPlate(c, plate, printed, new SKColor(40, 45, 60), new SKColor(15, 15, 20)));
        using var reader = new TesseractPlateReader();

        bool read = reader.TryRead(frame, new PixelBox(800, 500, 220, 48), out PlateText? text);

        Assert.True(read);
        Assert.Equal(expected, text!.Text);
        Assert.Equal(country, text.Country);
        Assert.Equal(expected.Length, text.CharConfidences.Count);
        Assert.InRange(text.Confidence, 0.3f, 1f);
    }

    [Fact]
    public void Reader_returns_false_on_noise()
    {
        using var frame = SyntheticScene.Noise(640, 480, seed: 7);
        using var reader = new TesseractPlateReader();

        Assert.False(reader.TryRead(frame, new PixelBox(100, 100, 200, 50), out PlateText? text));
        Assert.Null(text);
    }

    [Fact]
    public void Reader_returns_false_on_a_blank_box_and_a_box_outside_the_frame()
    {
        using var frame = SyntheticScene.Blank(640, 480, 200);
        using var reader = new TesseractPlateReader();

        Assert.False(reader.TryRead(frame, new PixelBox(100, 100, 200, 50), out _));
        Assert.False(reader.TryRead(frame, new PixelBox(1000, 1000, 200, 50), out _));
    }
}
