using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

public sealed class WideningReaderTests
{
    private const double MinConfidence = 0.5;
    private static readonly PixelBox Box = new(100, 100, 80, 20);

    [Fact]
    public void A_Saudi_read_cut_by_its_box_is_replaced_by_the_longer_read_of_a_wider_box()
    {
        // car_287 in real-dev: a long plate boxed up to its emblem strip reads 66RD; boxed whole it reads 866RDE.
        var outcome = ReadWidened(Read("66RD", "SA", 0.64f), Read("866RDE", "SA", 0.8f));

        Assert.Equal("866RDE", outcome.Text?.Text);
        Assert.Equal((1, 1), (outcome.Widened, outcome.Lengthened));
        Assert.All(outcome.WiderBoxes, b => Assert.True(b.Width > Box.Width && b.Y == Box.Y && b.Height == Box.Height));
    }

    [Theory]
    [InlineData("2162SVD", "S2162SVD")] // a letter before the digits (real-dev car_76, before the format check)
    [InlineData("111HHH", "111HHHT")] // four letters (real-dev car_317, likewise)
    [InlineData("66RD", "866RD")] // two letters: a Saudi plate always has three
    [InlineData("2162SVD", "2162SV")] // shorter: nothing added
    [InlineData("2162SVD", "12162SVX")] // added to, but the first read is not in it whole (the last letter changed)
    public void A_wider_read_that_is_not_a_whole_Saudi_plate_holding_the_first_is_ignored(string firstText, string wider)
    {
        var first = Read(firstText, "SA", 0.6f);

        var outcome = ReadWidened(first, Read(wider, "SA", 0.9f));

        Assert.Same(first, outcome.Text);
        Assert.Equal((1, 0), (outcome.Widened, outcome.Lengthened));
    }

    [Fact]
    public void An_unsure_wider_read_is_ignored()
    {
        var first = Read("179UZD", "SA", 0.97f);

        var outcome = ReadWidened(first, Read("5179UZD", "SA", 0.4f));

        Assert.Same(first, outcome.Text);
    }

    [Fact]
    public void Plates_of_other_countries_and_failed_reads_are_not_read_again()
    {
        var kuwait = ReadWidened(Read("1234", "KW", 0.6f), Read("981234", "KW", 0.99f));
        var none = ReadWidened(null, Read("866RDE", "SA", 0.99f));

        Assert.Equal("1234", kuwait.Text?.Text);
        Assert.Empty(kuwait.WiderBoxes);
        Assert.False(none.Read);
        Assert.Empty(none.WiderBoxes);
        Assert.Equal(0, kuwait.Widened + none.Widened);
    }

    [Fact]
    public void A_box_shaped_like_the_national_plate_is_not_read_again()
    {
        var standard = new PixelBox(100, 100, 86, 40); // 335×155 mm is 2.16:1
        var inner = new BoxScriptedReader(standard, Read("179UZD", "SA", 0.9f), Read("5179UZD", "SA", 0.99f));
        using var reader = new WideningPlateReader(inner, MinConfidence);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        reader.TryRead(frame, standard, out var text);

        Assert.Equal("179UZD", text?.Text);
        Assert.Empty(inner.WiderBoxes);
        Assert.Equal(0, reader.Widened);
    }

    [Fact]
    public void Wider_boxes_stay_inside_the_frame()
    {
        var atEdge = new PixelBox(0, 100, 80, 20);
        var inner = new BoxScriptedReader(atEdge, Read("66RD", "SA", 0.6f), Read("866RDE", "SA", 0.9f));
        using var reader = new WideningPlateReader(inner, MinConfidence);
        using var frame = SyntheticScene.Blank(120, 240, 128);

        reader.TryRead(frame, atEdge, out _);

        Assert.NotEmpty(inner.WiderBoxes);
        Assert.All(inner.WiderBoxes, b => Assert.True(b.X >= 0 && b.Right <= frame.Width, $"{b} leaves the 120-wide frame"));
    }

    private static Outcome ReadWidened(PlateText? first, PlateText? wider)
    {
        var inner = new BoxScriptedReader(Box, first, wider);
        using var reader = new WideningPlateReader(inner, MinConfidence);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        bool read = reader.TryRead(frame, Box, out var text);
        return new Outcome(read, text, reader.Widened, reader.Lengthened, inner.WiderBoxes);
    }

    private static PlateText Read(string plate, string country, float confidence) =>
        new(plate, country, confidence, [.. plate.Select(_ => confidence)]);

    private readonly record struct Outcome(bool Read, PlateText? Text, long Widened, long Lengthened, IReadOnlyList<PixelBox> WiderBoxes);

    /// <summary>Answers <paramref name="first"/> for the detector's box and <paramref name="wider"/> for any other box,
    /// and keeps the other boxes it was asked about.</summary>
    private sealed class BoxScriptedReader(PixelBox box, PlateText? first, PlateText? wider) : IPlateReader
    {
        public List<PixelBox> WiderBoxes { get; } = [];

        public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
        {
            if (plate != box)
            {
                WiderBoxes.Add(plate);
            }

            text = plate == box ? first : wider;
            return text is not null;
        }
    }
}
