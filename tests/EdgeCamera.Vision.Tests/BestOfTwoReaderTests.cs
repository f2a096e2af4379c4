using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

public sealed class BestOfTwoReaderTests
{
    private const double AskBelow = 0.9;

    [Fact]
    public void A_confident_first_read_is_kept_and_the_second_model_is_not_asked()
    {
        var outcome = ReadWithPair(Read("1234ABD", 0.95f), Read("1234ABC", 0.99f));

        Assert.Equal("1234ABD", outcome.Text?.Text);
        Assert.Equal((0, 0, 0), (outcome.SecondCalls, outcome.Asked, outcome.SecondWon));
    }

    [Fact]
    public void An_unsure_first_read_loses_to_a_more_confident_second_read_whole()
    {
        var theirs = Read("1234ABC", 0.8f) with { ArabicHalf = "1234ABC", Source = "second" };

        var outcome = ReadWithPair(Read("1234ABD", 0.5f), theirs);

        Assert.Same(theirs, outcome.Text);
        Assert.Equal((1, 1), (outcome.Asked, outcome.SecondWon));
    }

    [Fact]
    public void An_unsure_first_read_stays_when_the_second_is_less_sure()
    {
        var mine = Read("1234ABD", 0.6f);

        var outcome = ReadWithPair(mine, Read("1234ABC", 0.4f));

        Assert.Same(mine, outcome.Text);
        Assert.Equal((1, 0), (outcome.Asked, outcome.SecondWon));
    }

    [Fact]
    public void When_both_read_the_same_text_the_first_read_and_its_halves_check_are_kept()
    {
        var mine = Read("1234ABC", 0.5f) with { ArabicHalf = "1234ABD" };

        var outcome = ReadWithPair(mine, Read("1234ABC", 0.9f) with { ArabicHalf = "1234ABC" });

        Assert.Same(mine, outcome.Text);
        Assert.Equal((1, 0), (outcome.Asked, outcome.SecondWon));
    }

    [Fact]
    public void The_second_model_reads_a_plate_the_first_could_not_and_neither_reading_is_no_read()
    {
        var rescued = ReadWithPair(null, Read("77KWT", 0.3f));
        var neither = ReadWithPair(null, null);

        Assert.True(rescued.Read);
        Assert.Equal("77KWT", rescued.Text?.Text);
        Assert.False(neither.Read);
        Assert.Null(neither.Text);
        Assert.Equal(1, neither.Asked);
    }

    /// <summary>One plate read by a pair whose two readers answer <paramref name="mine"/> and <paramref name="theirs"/>
    /// (null: no read).</summary>
    private static Outcome ReadWithPair(PlateText? mine, PlateText? theirs)
    {
        var second = new ScriptedReader(theirs);
        using var pair = new BestOfTwoPlateReader(new ScriptedReader(mine), second, AskBelow);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        bool read = pair.TryRead(frame, new PixelBox(100, 100, 120, 30), out var text);
        return new Outcome(read, text, second.Calls, pair.Asked, pair.SecondWon);
    }

    private static PlateText Read(string plate, float confidence) =>
        new(plate, "SA", confidence, [.. plate.Select(_ => confidence)]);

    private readonly record struct Outcome(bool Read, PlateText? Text, int SecondCalls, long Asked, long SecondWon);

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
