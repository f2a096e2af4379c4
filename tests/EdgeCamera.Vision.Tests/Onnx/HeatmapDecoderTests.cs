namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class HeatmapDecoderTests
{
    private const int GridWidth = 160;
    private const int GridHeight = 96;
    private const int Stride = 4;
    private const double OneThird = 1.0 / 3.0; // a 1920×1080 frame letterboxed into 640×384

    [Fact]
    public void A_peak_becomes_one_box_in_frame_pixels()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 50, row: 30, score: 0.9f, widthPx: 40, heightPx: 12);
        var decoder = new HeatmapDecoder(GridWidth, GridHeight, Stride);
        var found = new PlateCandidate[8];

        int count = decoder.Decode(heat, boxes, 0.5f, OneThird, 1920, 1080, found);

        Assert.Equal(1, count);
        // centre (50 + 0.5) × 4 × 3 = 606, (30 + 0.5) × 4 × 3 = 366; size 40 × 3 by 12 × 3
        Assert.Equal(new PixelBox(546, 348, 120, 36), found[0].Box);
        Assert.Equal(0.9f, found[0].Score);
    }

    [Fact]
    public void Cells_below_the_threshold_are_not_plates()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 50, row: 30, score: 0.49f, widthPx: 40, heightPx: 12);

        int count = new HeatmapDecoder(GridWidth, GridHeight, Stride).Decode(heat, boxes, 0.5f, OneThird, 1920, 1080, new PlateCandidate[8]);

        Assert.Equal(0, count);
    }

    [Fact]
    public void Two_plates_come_out_best_first_and_two_peaks_of_one_plate_as_one()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 20, row: 60, score: 0.7f, widthPx: 60, heightPx: 20);
        Peak(heat, boxes, col: 120, row: 60, score: 0.95f, widthPx: 60, heightPx: 20);
        Peak(heat, boxes, col: 122, row: 61, score: 0.8f, widthPx: 60, heightPx: 20); // a second peak inside the same plate
        var found = new PlateCandidate[8];

        int count = new HeatmapDecoder(GridWidth, GridHeight, Stride).Decode(heat, boxes, 0.5f, OneThird, 1920, 1080, found);

        Assert.Equal(2, count);
        Assert.Equal(0.95f, found[0].Score);
        Assert.Equal(0.7f, found[1].Score);
    }

    [Fact]
    public void A_peak_on_part_of_a_long_plate_widens_the_plate_box_instead_of_replacing_it()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 60, row: 40, score: 0.9f, widthPx: 120, heightPx: 24); // the right part of the plate
        Peak(heat, boxes, col: 52, row: 40, score: 0.8f, widthPx: 180, heightPx: 28); // the whole plate
        var found = new PlateCandidate[8];

        int count = new HeatmapDecoder(GridWidth, GridHeight, Stride).Decode(heat, boxes, 0.5f, OneThird, 1920, 1080, found);

        Assert.Equal(1, count);
        // part: 546..906 × 450..522; whole plate: 360..900 × 444..528 → their union, with the better score
        Assert.Equal(new PixelBox(360, 444, 546, 84), found[0].Box);
        Assert.Equal(0.9f, found[0].Score);
    }

    [Fact]
    public void A_faint_peak_on_part_of_a_plate_found_surely_leaves_its_box_as_it_is()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 60, row: 40, score: 0.9f, widthPx: 120, heightPx: 24); // the plate, found surely
        Peak(heat, boxes, col: 52, row: 40, score: 0.2f, widthPx: 180, heightPx: 28); // a faint, looser box on it
        var decoder = new HeatmapDecoder(GridWidth, GridHeight, Stride) { WidenFromScore = 0.3f };
        var found = new PlateCandidate[8];

        int count = decoder.Decode(heat, boxes, 0.15f, OneThird, 1920, 1080, found);

        Assert.Equal(1, count);
        Assert.Equal(new PixelBox(546, 450, 360, 72), found[0].Box); // the sure peak's own box, not the union
        Assert.Equal(0.9f, found[0].Score);
    }

    [Fact]
    public void A_faint_peak_away_from_every_other_plate_is_a_plate_of_its_own()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 60, row: 40, score: 0.9f, widthPx: 120, heightPx: 24);
        Peak(heat, boxes, col: 120, row: 70, score: 0.2f, widthPx: 40, heightPx: 12); // a faint plate elsewhere
        var decoder = new HeatmapDecoder(GridWidth, GridHeight, Stride) { WidenFromScore = 0.3f };
        var found = new PlateCandidate[8];

        int count = decoder.Decode(heat, boxes, 0.15f, OneThird, 1920, 1080, found);

        Assert.Equal(2, count);
        Assert.Equal(0.2f, found[1].Score);
        Assert.Equal(new PixelBox(1386, 828, 120, 36), found[1].Box); // centre (120.5 × 12, 70.5 × 12), 40 × 3 by 12 × 3
    }

    [Fact]
    public void Boxes_are_clipped_to_the_frame()
    {
        var (heat, boxes) = Maps();
        Peak(heat, boxes, col: 0, row: 0, score: 0.9f, widthPx: 40, heightPx: 12);
        var found = new PlateCandidate[8];

        int count = new HeatmapDecoder(GridWidth, GridHeight, Stride).Decode(heat, boxes, 0.5f, OneThird, 1920, 1080, found);

        Assert.Equal(1, count);
        Assert.Equal(0, found[0].Box.X);
        Assert.Equal(0, found[0].Box.Y);
        Assert.True(found[0].Box.Width < 120);
    }

    private static (float[] Heat, float[] Boxes) Maps() => (new float[GridWidth * GridHeight], new float[4 * GridWidth * GridHeight]);

    private static void Peak(float[] heat, float[] boxes, int col, int row, float score, float widthPx, float heightPx)
    {
        int plane = GridWidth * GridHeight;
        int cell = (row * GridWidth) + col;
        heat[cell] = score;
        boxes[cell] = 0.5f;
        boxes[plane + cell] = 0.5f;
        boxes[(2 * plane) + cell] = widthPx;
        boxes[(3 * plane) + cell] = heightPx;
    }
}
