using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

public sealed class BestOfTwoReaderTests
{
    private static readonly PixelBox Plate = new(100, 100, 120, 30);

    [Fact]
    public void A_confident_first_read_is_kept_and_the_second_model_is_not_asked()
    {
        var second = new ScriptedReader(Read("1234ABC", 0.99f));
        using var pair = new BestOfTwoPlateReader(new ScriptedReader(Read("1234ABD", 0.95f)), second, askBelow: 0.9);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        Assert.True(pair.TryRead(frame, Plate, out var text));

        Assert.Equal("1234ABD", text.Text);
        Assert.Equal(0, second.Calls);
        Assert.Equal(0, pair.Asked);
    }

    [Fact]
    public void An_unsure_first_read_loses_to_a_more_confident_second_read_whole()
    {
        var theirs = Read("1234ABC", 0.8f) with { ArabicHalf = "1234ABC", Source = "second" };
        using var pair = new BestOfTwoPlateReader(new ScriptedReader(Read("1234ABD", 0.5f)), new ScriptedReader(theirs), askBelow: 0.9);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        Assert.True(pair.TryRead(frame, Plate, out var text));

        Assert.Same(theirs, text);
        Assert.Equal((1, 1), (pair.Asked, pair.SecondWon));
    }

    [Fact]
    public void An_unsure_first_read_stays_when_the_second_is_less_sure()
    {
        var mine = Read("1234ABD", 0.6f);
        using var pair = new BestOfTwoPlateReader(new ScriptedReader(mine), new ScriptedReader(Read("1234ABC", 0.4f)), askBelow: 0.9);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        Assert.True(pair.TryRead(frame, Plate, out var text));

        Assert.Same(mine, text);
        Assert.Equal((1, 0), (pair.Asked, pair.SecondWon));
    }

    [Fact]
    public void When_both_read_the_same_text_the_first_read_and_its_halves_check_are_kept()
    {
        var mine = Read("1234ABC", 0.5f) with { ArabicHalf = "1234ABD" };
        var theirs = Read("1234ABC", 0.9f) with { ArabicHalf = "1234ABC" };
        using var pair = new BestOfTwoPlateReader(new ScriptedReader(mine), new ScriptedReader(theirs), askBelow: 0.9);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        Assert.True(pair.TryRead(frame, Plate, out var text));

        Assert.Same(mine, text);
        Assert.Equal((1, 0), (pair.Asked, pair.SecondWon));
    }

    [Fact]
    public void The_second_model_reads_a_plate_the_first_could_not_and_neither_reading_is_no_read()
    {
        using var rescued = new BestOfTwoPlateReader(new ScriptedReader(null), new ScriptedReader(Read("77KWT", 0.3f)), askBelow: 0.9);
        using var neither = new BestOfTwoPlateReader(new ScriptedReader(null), new ScriptedReader(null), askBelow: 0.9);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        Assert.True(rescued.TryRead(frame, Plate, out var text));
        Assert.Equal("77KWT", text.Text);
        Assert.False(neither.TryRead(frame, Plate, out var none));
        Assert.Null(none);
        Assert.Equal(1, neither.Asked);
    }

    private static PlateText Read(string plate, float confidence) =>
        new(plate, "SA", confidence, [.. plate.Select(_ => confidence)]);

    /// <summary>A reader that answers the same read (or none) every time and counts its calls.</summary>
    private sealed class ScriptedReader(PlateText? answer) : IPlateReader
    {
        public int Calls { get; private set; }

        public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
        {
            Calls++;
            text = answer;
            return answer is not null;
        }
    }
}
