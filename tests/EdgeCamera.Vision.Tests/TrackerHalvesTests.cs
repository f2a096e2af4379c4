using EdgeCamera.TestKit;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision.Tests;

public sealed class TrackerHalvesTests
{
    private static readonly IReadOnlyDictionary<char, char> Letters =
        RecogniserModelInfo.Load(RepoPaths.InRepo("models", "plate-recogniser.json")).ArabicLetters;

    private static PlateText Read(string latin, string? arabic, bool withLetters = true) =>
        new(latin, "SA", 0.95f, [.. latin.Select(_ => 0.95f)])
        {
            ArabicHalf = arabic,
            ArabicLetters = withLetters ? Letters : null,
            ArabicCharConfidences = [.. (arabic ?? string.Empty).Select(_ => 0.95f)],
        };

    private static VehicleRead Track(params PlateText[] reads)
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 2, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        using var frames = new SyntheticFrames(320, 240);
        for (int i = 0; i < reads.Length; i++)
        {
            var box = new PixelBox(100 + (i * 25), 100, 60, 15); // moving: a parked plate is not a vehicle (MinMotionWidths)
            tracker.Observe(frames.Next(), [new PlateCandidate(box, 0.9f)], [reads[i]], completed);
        }

        tracker.Flush(completed);
        return Assert.Single(completed);
    }

    [Fact]
    public void A_vehicle_whose_halves_agree_carries_its_arabic_half_in_arabic_script()
    {
        var vehicle = Track(Read("3903BSJ", "3903BSJ"), Read("3903BSJ", "3903BSJ"), Read("3903BSJ", null));

        Assert.True(vehicle.HalvesAgree);
        Assert.Equal("3903BSJ", vehicle.ArabicHalf);
        Assert.Equal("ح س ب ٣٩٠٣", vehicle.ArabicScript);
    }

    [Fact]
    public void One_frame_whose_arabic_half_differs_does_not_mark_a_plate_as_mismatched()
    {
        var vehicle = Track(Read("3903BSJ", "3903BSJ"), Read("3903BSJ", "3903BSD"), Read("3903BSJ", "3903BSJ"));

        Assert.True(vehicle.HalvesAgree);
    }

    [Fact]
    public void A_plate_whose_arabic_half_differs_in_most_frames_is_marked_mismatched_with_what_the_arabic_half_says()
    {
        var vehicle = Track(Read("3903BSJ", "3903BSD"), Read("3903BSJ", "3903BSJ"), Read("3903BSJ", "3903BSD"));

        Assert.False(vehicle.HalvesAgree);
        Assert.Equal("3903BSD", vehicle.ArabicHalf);
        Assert.Equal("د س ب ٣٩٠٣", vehicle.ArabicScript);
    }

    [Fact]
    public void A_reader_without_a_letter_table_still_compares_the_halves_but_writes_no_arabic_script()
    {
        var vehicle = Track(Read("3903BSJ", "3903BSJ", withLetters: false), Read("3903BSJ", "3903BSJ", withLetters: false));

        Assert.True(vehicle.HalvesAgree);
        Assert.Equal("3903BSJ", vehicle.ArabicHalf);
        Assert.Null(vehicle.ArabicScript);
    }

    [Fact]
    public void A_plate_without_an_arabic_half_is_not_compared()
    {
        var vehicle = Track(Read("12345", null), Read("12345", null));

        Assert.Null(vehicle.HalvesAgree);
        Assert.Null(vehicle.ArabicHalf);
        Assert.Null(vehicle.ArabicScript);
    }
}
