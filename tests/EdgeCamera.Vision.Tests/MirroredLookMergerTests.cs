namespace EdgeCamera.Vision.Tests;

public sealed class MirroredLookMergerTests
{
    private const int FrameWidth = 1000;

    [Fact]
    public void A_plate_only_the_mirrored_look_finds_is_added_where_it_is_in_the_frame()
    {
        var found = new PlateCandidate[4];
        found[0] = new PlateCandidate(new PixelBox(100, 300, 80, 40), 0.9f);
        // Mirrored, a plate at x 700..800 of the frame lies at x 200..300.
        PlateCandidate[] mirrored = [new(new PixelBox(200, 500, 100, 50), 0.6f)];

        int count = MirroredLookMerger.Merge(found, 1, mirrored, FrameWidth);

        Assert.Equal(2, count);
        Assert.Equal(new PlateCandidate(new PixelBox(100, 300, 80, 40), 0.9f), found[0]);
        Assert.Equal(new PlateCandidate(new PixelBox(700, 500, 100, 50), 0.6f), found[1]);
    }

    [Fact]
    public void A_plate_both_looks_find_keeps_the_first_looks_box_and_the_higher_score()
    {
        var found = new PlateCandidate[4];
        found[0] = new PlateCandidate(new PixelBox(600, 300, 100, 50), 0.35f);
        found[1] = new PlateCandidate(new PixelBox(100, 100, 60, 30), 0.5f);
        // The first plate seen mirrored (x 300..400 → 600..700), a few pixels off and scored higher; the second
        // mirrored scored lower.
        PlateCandidate[] mirrored = [new(new PixelBox(296, 302, 104, 48), 0.8f), new(new PixelBox(840, 100, 60, 30), 0.4f)];

        int count = MirroredLookMerger.Merge(found, 2, mirrored, FrameWidth);

        Assert.Equal(2, count);
        Assert.Equal(new PlateCandidate(new PixelBox(600, 300, 100, 50), 0.8f), found[0]); // now the best, first
        Assert.Equal(new PlateCandidate(new PixelBox(100, 100, 60, 30), 0.5f), found[1]);
    }

    [Fact]
    public void Plates_of_the_mirrored_look_beyond_the_room_left_are_not_written()
    {
        var found = new PlateCandidate[2];
        found[0] = new PlateCandidate(new PixelBox(0, 0, 50, 20), 0.9f);
        PlateCandidate[] mirrored = [new(new PixelBox(100, 400, 50, 20), 0.7f), new(new PixelBox(300, 400, 50, 20), 0.6f)];

        int count = MirroredLookMerger.Merge(found, 1, mirrored, FrameWidth);

        Assert.Equal(2, count);
        Assert.Equal(new PixelBox(850, 400, 50, 20), found[1].Box);
    }
}
