using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Radar;

namespace EdgeCamera.Edge.Tests.Violations;

/// <summary>A fine needs the whole plate: an offence on a read that is not plausible as a full plate of its country, or
/// read with too little confidence, is kept on the unit for manual review and counted, never fined.</summary>
public sealed class PlateReadReviewTests
{
    [Fact]
    public void A_four_character_fragment_alone_is_kept_for_manual_review_and_not_fined()
    {
        using var sut = new StageUnderTest();
        var fragment = sut.Read("7977"); // the reader's part of 7977750, with no fuller read beside it
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(105));

        var drafts = sut.Stage.Judge(fragment);

        Assert.Empty(drafts);
        Assert.Empty(sut.Stage.PartialReadsByReason); // nothing fuller to drop it against: the plate check caught it
        var kept = Assert.Single(sut.Withheld.Recent(10));
        Assert.Equal(("SPD", "7977", "PlateReadIncomplete"), (kept.TypeCode, kept.Plate, kept.Flags));
        Assert.StartsWith(PlateReadCheck.ReviewReason, kept.Detail, StringComparison.Ordinal);
        Assert.True(CanonicalManifest.TryParse(kept.Manifest, out var manifest, out var error), error);
        Assert.Equal(1.0, manifest.Violation.Measurements.Single(m => m.Name == "flag.PlateReadIncomplete").Value);
    }

    [Fact]
    public void A_full_saudi_read_is_fined()
    {
        using var sut = new StageUnderTest();
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(105));

        var draft = Assert.Single(sut.Stage.Judge(sut.Read("6834GUV", confidence: 0.9f)));

        Assert.Equal(("SPD", "6834GUV"), (draft.Manifest.Violation.TypeCode, draft.Manifest.Plate.Text));
        Assert.Equal(0, sut.Withheld.Count());
        Assert.Empty(sut.Stage.ReviewHoldsByReason);
    }

    [Fact]
    public void A_full_read_under_the_confidence_floor_is_kept_for_manual_review()
    {
        using var sut = new StageUnderTest(options: new ViolationStageOptions { MinimumPlateConfidence = 0.5f });
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(105));

        var drafts = sut.Stage.Judge(sut.Read("6834GUV", confidence: 0.4f));

        Assert.Empty(drafts);
        var kept = Assert.Single(sut.Withheld.Recent(10));
        Assert.Equal(("SPD", "6834GUV", "PlateReadLowConfidence"), (kept.TypeCode, kept.Plate, kept.Flags));
    }

    [Fact]
    public void Each_offence_kept_for_review_moves_the_counter_of_its_reason()
    {
        using var sut = new StageUnderTest();
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(105));
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(305));
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(505));

        Assert.Empty(sut.Stage.Judge(sut.Read("7977", firstFrame: 100)));
        Assert.Empty(sut.Stage.Judge(sut.Read("6834GU", firstFrame: 300))); // a Saudi plate always has three letters
        Assert.Empty(sut.Stage.Judge(sut.Read("3960TAZ", firstFrame: 500, confidence: 0.1f)));

        Assert.Equal(
            new Dictionary<string, long> { [PlateReadCheck.Incomplete] = 2, [PlateReadCheck.LowConfidence] = 1 },
            sut.Stage.ReviewHoldsByReason);
        Assert.Equal(3, sut.Withheld.Count());
    }

    [Theory]
    [InlineData("6834GUV", "SA", true)]
    [InlineData("1ABD", "SA", true)]
    [InlineData("6834GU", "SA", false)]
    [InlineData("4011AO00", "MR", true)]
    [InlineData("4011AO0", "MR", false)]
    [InlineData("7977750", "KW", true)]
    [InlineData("97775", "KW", true)]
    [InlineData("7977", "KW", false)]
    [InlineData("AB123", "??", true)]
    [InlineData("AB12", "??", false)]
    public void A_read_is_a_full_plate_only_in_its_country_s_format_or_when_of_no_format_long_enough(string text, string country, bool enforceable)
    {
        var check = new PlateReadCheck(minimumConfidence: 0.25f, minimumPlateLength: 5);

        Assert.Equal(enforceable, check.IsEnforceable(text, country, confidence: 0.9f, out _, out _, out _));
    }
}
