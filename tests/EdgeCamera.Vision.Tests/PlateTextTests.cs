using EdgeCamera.Vision;

namespace EdgeCamera.Vision.Tests;

public sealed class PlateTextTests
{
    private static PlateText Read(string latin, string? arabic, float latinConfidence = 0.97f, float arabicConfidence = 0.97f) =>
        new(latin, "SA", 0.9f, [.. latin.Select(_ => latinConfidence)])
        {
            ArabicHalf = arabic,
            ArabicCharConfidences = [.. (arabic ?? string.Empty).Select(_ => arabicConfidence)],
        };

    [Fact]
    public void Halves_that_read_the_same_agree_when_the_arabic_half_is_read_confidently()
    {
        Assert.True(Read("3903BSJ", "3903BSJ", latinConfidence: 0.4f).HalvesAgree);
    }

    [Fact]
    public void An_unsure_arabic_half_that_echoes_the_latin_half_is_not_compared()
    {
        Assert.Null(Read("3903BSJ", "3903BSJ", arabicConfidence: PlateText.AgreeMinCharConfidence - 0.01f).HalvesAgree);
        Assert.Null(new PlateText("3903BSJ", "SA", 0.9f, []) { ArabicHalf = "3903BSJ" }.HalvesAgree);
    }

    [Fact]
    public void Halves_are_said_to_differ_only_when_both_read_the_differing_character_confidently()
    {
        Assert.False(Read("1234ABD", "1234ABJ").HalvesAgree);
        Assert.Null(Read("1234ABD", "1234ABJ", arabicConfidence: PlateText.DifferMinCharConfidence - 0.01f).HalvesAgree);
        Assert.Null(Read("1234ABD", "1234ABJ", latinConfidence: PlateText.DifferMinCharConfidence - 0.01f).HalvesAgree);
    }

    [Fact]
    public void Halves_of_different_lengths_or_without_an_arabic_read_are_not_compared()
    {
        Assert.Null(Read("1234ABD", "234ABD").HalvesAgree);
        Assert.Null(Read("1234ABD", null).HalvesAgree);
        Assert.Null(new PlateText("1234ABD", "SA", 0.9f, []) { ArabicHalf = "1234ABJ" }.HalvesAgree);
    }
}
