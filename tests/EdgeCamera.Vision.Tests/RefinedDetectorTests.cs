using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

public sealed class RefinedDetectorTests
{
    private static readonly PlateCandidate TallBox = new(new PixelBox(120, 90, 100, 50), 0.8f);
    private static readonly PlateCandidate Outside = new(new PixelBox(400, 300, 50, 20), 0.6f);
    private static readonly PixelBox Plate = new(121, 103, 98, 24);

    [Fact]
    public void Each_box_is_redrawn_by_the_refiner_and_keeps_its_score_and_order()
    {
        var refiner = new ScriptedRefiner((TallBox.Box, Plate));
        using var detector = new RefinedPlateDetector(new ScriptedDetector(TallBox), refiner);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal([new PlateCandidate(Plate, TallBox.Score)], found[..count]);
        Assert.Equal((1, 0), (detector.Refined, detector.KeptAsFound));
    }

    [Fact]
    public void A_box_the_refiner_cannot_redraw_is_kept_as_the_detector_found_it_and_counted()
    {
        var refiner = new ScriptedRefiner((TallBox.Box, Plate));
        using var detector = new RefinedPlateDetector(new ScriptedDetector(TallBox, Outside), refiner);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal([new PlateCandidate(Plate, TallBox.Score), Outside], found[..count]);
        Assert.Equal((1, 1), (detector.Refined, detector.KeptAsFound));
    }

    [Fact]
    public void A_refiner_that_keeps_the_read_box_moves_where_the_plate_is_and_leaves_the_read_at_the_detectors_box()
    {
        var refiner = new ScriptedRefiner((TallBox.Box, Plate));
        using var detector = new RefinedPlateDetector(new ScriptedDetector(TallBox, Outside), refiner, readAtDetectorBox: true);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal(2, count);
        Assert.Equal((Plate, TallBox.Box, TallBox.Score), (found[0].Box, found[0].ReadBox, found[0].Score));
        Assert.Equal((Outside.Box, Outside.Box), (found[1].Box, found[1].ReadBox));
    }

    [Fact]
    public void A_refiner_without_the_read_box_kept_has_readers_cut_the_refined_box()
    {
        var refiner = new ScriptedRefiner((TallBox.Box, Plate));
        using var detector = new RefinedPlateDetector(new ScriptedDetector(TallBox), refiner, readAtDetectorBox: false);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        detector.Detect(frame, found);

        Assert.Equal((Plate, Plate), (found[0].Box, found[0].ReadBox));
    }

    [Fact]
    public void The_region_is_the_box_widened_per_side_and_clamped_to_the_frame()
    {
        Assert.True(RefinerRegion.TryGet(320, 240, new PixelBox(100, 100, 40, 20), 0.25, 0.5, out var inside));
        Assert.True(RefinerRegion.TryGet(320, 240, new PixelBox(2, 230, 40, 20), 0.25, 0.5, out var corner));

        Assert.Equal(new RefinerRegion(90, 90, 150, 130), inside);
        Assert.Equal(new RefinerRegion(0, 220, 52, 240), corner);
        Assert.False(RefinerRegion.TryGet(320, 240, new PixelBox(400, 300, 40, 20), 0.25, 0.5, out _));
        Assert.False(RefinerRegion.TryGet(320, 240, new PixelBox(100, 100, 0, 20), 0.25, 0.5, out _));
    }

    [Fact]
    public void Edges_as_fractions_of_the_region_map_back_to_frame_pixels_and_nonsense_maps_to_nothing()
    {
        var region = new RefinerRegion(90, 90, 150, 130);

        Assert.True(region.TryMapBack([0.25f, 0.25f, 0.75f, 0.75f], 320, 240, out var box));
        Assert.Equal(new PixelBox(105, 100, 30, 20), box);
        Assert.True(region.TryMapBack([-10f, 0.5f, 20f, 0.75f], 320, 240, out var clamped));
        Assert.Equal(new PixelBox(0, 110, 320, 10), clamped);
        Assert.False(region.TryMapBack([0.75f, 0.25f, 0.25f, 0.75f], 320, 240, out _));
        Assert.False(region.TryMapBack([float.NaN, 0.25f, 0.75f, 0.75f], 320, 240, out _));
    }
}
