using System.Text.RegularExpressions;

namespace EdgeCamera.Vision.Tests;

public sealed class CanonicalizerTests
{
    [Theory]
    [InlineData("39O3BSJ", "3903BSJ", "SA")]
    [InlineData("3903 B5J", "3903BSJ", "SA")]
    [InlineData("I234AB0O", "1234AB00", "MR")]
    [InlineData("1234A800", "1234AB00", "MR")]
    [InlineData("12O45", "12045", "KW")]
    [InlineData("3903bsj", "3903BSJ", "SA")]
    public void Canonicaliser_fixes_O_and_0_and_other_confusions_by_position(string raw, string expected, string country)
    {
        CanonicalPlate plate = PlateTextCanonicalizer.Canonicalize(raw);

        Assert.Equal(expected, plate.Text);
        Assert.Equal(country, plate.Country);
    }

    [Fact]
    public void Canonicaliser_prefers_the_format_needing_fewest_corrections()
    {
        Assert.Equal("12345", PlateTextCanonicalizer.Canonicalize("12345").Text);
        Assert.Equal(0, PlateTextCanonicalizer.Canonicalize("12345").Substitutions);
    }

    [Fact]
    public void Canonicaliser_marks_unknown_formats()
    {
        CanonicalPlate plate = PlateTextCanonicalizer.Canonicalize("ABCDEFGHIJ");

        Assert.Equal("??", plate.Country);
        Assert.Equal("ABCDEFGHIJ", plate.Text);
    }

    [Fact]
    public void Saudi_pattern_rejects_letters_not_used_on_saudi_plates()
    {
        Assert.DoesNotMatch(PlateFormats.Saudi.Regex, "1234ABC");
        Assert.Matches(PlateFormats.Saudi.Regex, "1234ABD");
    }

    [Fact]
    public void A_whole_Saudi_plate_has_one_to_four_digits_and_three_letters()
    {
        Assert.Matches(PlateFormats.SaudiWholePlate, "1KEH");
        Assert.Matches(PlateFormats.SaudiWholePlate, "5179UZD");
        Assert.DoesNotMatch(PlateFormats.SaudiWholePlate, "66RD");
        Assert.DoesNotMatch(PlateFormats.SaudiWholePlate, "12345ABD");
        Assert.Matches(PlateFormats.Saudi.Regex, "66RD"); // a partial read still fits the reader's format
    }

    [Fact]
    public void Plate_patterns_match_in_linear_time_without_a_timeout_that_could_throw_on_a_loaded_machine()
    {
        Assert.All(
            [.. PlateFormats.All.Select(f => f.Regex), PlateFormats.SaudiWholePlate],
            r => Assert.Equal((RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout), (r.Options & RegexOptions.NonBacktracking, r.MatchTimeout)));
    }
}
