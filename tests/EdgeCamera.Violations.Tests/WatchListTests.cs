using EdgeCamera.Violations.Rules;
using EdgeCamera.Violations.WatchList;

namespace EdgeCamera.Violations.Tests;

public sealed class WatchListTests
{
    private readonly TestSite _site = new();

    [Fact]
    public void An_exact_read_of_a_wanted_plate_is_a_hit_not_a_fine()
    {
        _site.WatchList.Replace([new WatchListEntry("6834GUV", "SA", "stolen", "reported stolen 2026-11-20")], "v1");

        var outcome = _site.WatchListRule().Evaluate(_site.Passage(plate: "6834GUV"));

        Assert.Equal(RuleVerdict.Violation, outcome.Verdict);
        Assert.Equal((ViolationKind.WatchListHit, "WLH"), (outcome.Violation!.Kind, outcome.Violation.TypeCode));
        Assert.Contains("matches 6834GUV on list 'stolen' (version v1)", outcome.Violation.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _site.Stats.WatchListHits);
    }

    [Theory]
    [InlineData("6834GUV", "6834GUV", true)]
    [InlineData("68348GO", "6834BG0", false)]  // 8/B and 0/O
    [InlineData("5Z1O", "S2I0", false)]        // 5/S, 2/Z, 1/I, 0/O
    [InlineData("abc 12-3", "ABC123", true)]   // case, spaces and dashes do not matter
    public void OCR_confusions_match_and_say_that_they_were_not_exact(string read, string wanted, bool exact)
    {
        var list = new PlateWatchList();
        list.Replace([new WatchListEntry(wanted, null, "wanted", "")], "v1");

        Assert.True(list.TryMatch(read, "SA", out var match));
        Assert.Equal(exact, match.Exact);
    }

    [Theory]
    [InlineData("6834GUW")]   // one character off that OCR does not confuse
    [InlineData("6834GU")]    // one character missing
    [InlineData("6834GUVV")]  // one too many
    [InlineData("7834GUV")]
    public void A_near_miss_is_not_a_hit(string read)
    {
        _site.WatchList.Replace([new WatchListEntry("6834GUV", null, "stolen", "")], "v1");

        Assert.Equal(RuleVerdict.Compliant, _site.WatchListRule().Evaluate(_site.Passage(plate: read)).Verdict);
    }

    [Fact]
    public void A_plate_wanted_in_another_country_is_not_a_hit_unless_the_country_is_unread()
    {
        var list = new PlateWatchList();
        list.Replace([new WatchListEntry("12345", "KW", "wanted", "")], "v1");

        Assert.False(list.TryMatch("12345", "SA", out _));
        Assert.True(list.TryMatch("12345", "KW", out _));
        Assert.True(list.TryMatch("12345", "??", out _));
    }

    [Fact]
    public void A_new_list_replaces_the_old_one_whole_at_run_time()
    {
        var list = new PlateWatchList();
        list.Replace([new WatchListEntry("AAA111", null, "a", ""), new WatchListEntry("BBB222", null, "a", "")], "v1");

        list.Replace([new WatchListEntry("CCC333", null, "b", "")], "v2");

        Assert.False(list.TryMatch("AAA111", "SA", out _));
        Assert.True(list.TryMatch("CCC333", "SA", out _));
        Assert.Equal(("v2", 1), (list.Version, list.Count));
    }

    [Fact]
    public void An_exact_entry_wins_over_one_that_only_matches_after_folding()
    {
        var list = new PlateWatchList();
        list.Replace([new WatchListEntry("80S", null, "folded", ""), new WatchListEntry("B0S", null, "exact", "")], "v1");

        Assert.True(list.TryMatch("B0S", "SA", out var match));
        Assert.Equal(("exact", true), (match.Entry.ListName, match.Exact));
    }

    [Fact]
    public void A_read_too_uncertain_is_not_matched()
    {
        _site.WatchList.Replace([new WatchListEntry("6834GUV", null, "stolen", "")], "v1");

        var outcome = _site.WatchListRule().Evaluate(_site.Passage(plate: "6834GUV") with { Confidence = 0.29 });

        Assert.Equal(RuleVerdict.NotApplicable, outcome.Verdict);
    }
}
