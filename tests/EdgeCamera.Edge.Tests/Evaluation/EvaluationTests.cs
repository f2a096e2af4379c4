using EdgeCamera.Edge.Evaluation;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;
using SkiaSharp;

namespace EdgeCamera.Edge.Tests.Evaluation;

public sealed class EvaluationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-eval-").FullName;

    [Theory]
    [InlineData("3903BSJ", "3903BSJ", 0)]
    [InlineData("3903BSJ", "3908BSJ", 1)]
    [InlineData("", "3903BSJ", 7)]
    [InlineData("903BSJ", "3903BSJ", 1)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string read, string truth, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(read, truth));
    }

    [Fact]
    public void Labels_are_read_relative_to_the_labels_file_with_an_optional_country()
    {
        var path = WriteLabels("a.png\t10,20,30,40\t3903BSJ\tSA\nb.png\t1,2,3,4\tAB?12\n");

        Assert.True(LabelsFile.TryLoad(path, out var labels, out var error), error);

        Assert.Equal(Path.Combine(_dir, "a.png"), labels[0].ImagePath);
        Assert.Equal(new PixelBox(10, 20, 30, 40), labels[0].Box);
        Assert.Equal("SA", labels[0].Country);
        Assert.Equal(PlateFormats.UnknownCountry, labels[1].Country);
        Assert.False(labels[1].IsReadable);
    }

    [Fact]
    public void A_fifth_column_gives_what_the_arabic_half_says_so_a_mismatched_plate_can_be_labelled()
    {
        var path = WriteLabels("a.png\t10,20,30,40\t3903BSJ\tSA\t3903BSJ\nb.png\t1,2,3,4\t1234ABD\tSA\t1234ABJ\nc.png\t1,2,3,4\t1234ABD\tSA\n");

        Assert.True(LabelsFile.TryLoad(path, out var labels, out var error), error);

        Assert.True(labels[0].HalvesAgree);
        Assert.False(labels[1].HalvesAgree);
        Assert.Equal("1234ABJ", labels[1].ArabicHalf);
        Assert.Null(labels[2].HalvesAgree);
    }

    [Fact]
    public void The_agreement_flag_is_scored_against_labels_that_give_the_arabic_half()
    {
        WriteImage("one.png");
        var path = WriteLabels(
            "one.png\t100,100,200,50\t3903BSJ\tSA\t3903BSJ\n" + // genuine, read as agreeing: right
            "one.png\t100,200,200,50\t1234ABD\tSA\t1234ABJ\n" + // mismatched, confidently read as differing: right, caught
            "one.png\t100,300,200,50\t5555XYZ\tSA\t5555XYZ\n" + // genuine, Arabic half confidently misread: a false alarm
            "one.png\t100,400,200,50\t6666KKD\tSA\t6666KKD\n" + // genuine, Arabic half misread without confidence: not compared
            "one.png\t100,500,200,50\t7777KKK\tSA\n"); // no Arabic label: not scored
        Assert.True(LabelsFile.TryLoad(path, out var labels, out _));
        var detector = new ScriptedDetector([.. new[] { 100, 200, 300, 400, 500 }.Select(y => new PixelBox(100, y, 200, 50))]);
        var reader = new ScriptedReader(
            new Dictionary<int, string> { [100] = "3903BSJ", [200] = "1234ABD", [300] = "5555XYZ", [400] = "6666KKD", [500] = "7777KKK" },
            new Dictionary<int, string> { [100] = "3903BSJ", [200] = "1234ABJ", [300] = "5555XYA", [400] = "6666KKB", [500] = "7777KKK" },
            unsureArabicAt: 400);

        var report = new PlateEvaluator(detector, reader).Evaluate(labels);

        Assert.Equal(4, report.AgreementPlates);
        Assert.Equal(3, report.AgreementFlagged);
        Assert.Equal(Math.Round(2 / 3.0, 4), report.AgreementFlaggedCorrectly);
        Assert.Equal(1, report.MismatchedPlates);
        Assert.Equal(1, report.MismatchesCaught);
        Assert.Equal(1, report.GenuineFlaggedMismatched);
        var sa = report.PerCountry["SA"];
        Assert.Equal((5, 2, 2), (sa.HalvesRead, sa.HalvesAgree, sa.HalvesDiffer));
        Assert.Equal((3, 2), (sa.AgreementFlagged, sa.AgreementFlaggedRight));
    }

    [Fact]
    public void Without_arabic_labels_the_agreement_score_is_absent_rather_than_zero()
    {
        WriteImage("one.png");
        var path = WriteLabels("one.png\t100,100,200,50\t3903BSJ\tSA\n");
        Assert.True(LabelsFile.TryLoad(path, out var labels, out _));
        var reader = new ScriptedReader(new Dictionary<int, string> { [100] = "3903BSJ" }, new Dictionary<int, string> { [100] = "3903BSJ" });

        var report = new PlateEvaluator(new ScriptedDetector([new PixelBox(100, 100, 200, 50)]), reader).Evaluate(labels);

        Assert.Equal(0, report.AgreementPlates);
        Assert.Null(report.AgreementFlaggedCorrectly);
    }

    [Fact]
    public void A_malformed_labels_line_is_reported_with_its_line_number()
    {
        var path = WriteLabels("a.png\t10,20,30,40\t3903BSJ\nb.png\t1,2,x,4\tAB12\n");

        Assert.False(LabelsFile.TryLoad(path, out _, out var error));
        Assert.Contains(":2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_count_right_wrong_and_missed_plates_and_out_of_format_countries()
    {
        var image = WriteImage("one.png");
        var path = WriteLabels(
            $"one.png\t100,100,200,50\t3903BSJ\tSA\n" + // found and read right
            $"one.png\t100,300,200,50\t1234AB00\tMR\n" + // found, read wrong
            $"one.png\t100,500,200,50\tXYZ123\tUS\n" + // not found
            "missing.png\t0,0,10,10\t1111AAA\tSA\n"); // image unreadable
        Assert.True(LabelsFile.TryLoad(path, out var labels, out _));
        var detector = new ScriptedDetector([new PixelBox(100, 100, 200, 50), new PixelBox(102, 298, 200, 52), new PixelBox(900, 900, 100, 30)]);
        var reader = new ScriptedReader(new Dictionary<int, string> { [100] = "3903BSJ", [298] = "1234AB08", [900] = "SIGN" });

        var report = new PlateEvaluator(detector, reader).Evaluate(labels);

        Assert.Equal(2, report.Images);
        Assert.Equal(4, report.Plates);
        Assert.Equal(1, report.UnreadableImages);
        Assert.Equal(3, report.Detections);
        Assert.Equal(Math.Round(2 / 3.0, 4), report.DetectionPrecision);
        Assert.Equal(0.5, report.DetectionRecall);
        Assert.Equal(0.25, report.ExactMatch);
        Assert.True(report.PerCountry["US"].OutOfFormat);
        Assert.False(report.PerCountry["SA"].OutOfFormat);
        Assert.Equal(1, report.PerCountry["MR"].Detected);
        Assert.Equal(0, report.PerCountry["MR"].Exact);
        // CER: 0 (right) + 1 (one digit) + 6 (missed) + 7 (missed) over 7 + 8 + 6 + 7 characters.
        Assert.Equal(Math.Round(14 / 28.0, 4), report.Cer);
        Assert.True(File.Exists(image));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteLabels(string content)
    {
        var path = Path.Combine(_dir, "labels.tsv");
        File.WriteAllText(path, content);
        return path;
    }

    private string WriteImage(string name)
    {
        var path = Path.Combine(_dir, name);
        using var bitmap = new SKBitmap(1000, 1000);
        bitmap.Erase(SKColors.Gray);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    private sealed class ScriptedDetector(PixelBox[] boxes) : IPlateDetector
    {
        public int Detect(Frame frame, Span<PlateCandidate> found)
        {
            var n = Math.Min(boxes.Length, found.Length);
            for (var i = 0; i < n; i++)
            {
                found[i] = new PlateCandidate(boxes[i], 1f);
            }

            return n;
        }
    }

    /// <summary>Reads the text (and Arabic half, when scripted) scripted for a box's top edge, every character with
    /// confidence 0.95 except the Arabic half at <c>unsureArabicAt</c> (0.5).</summary>
    private sealed class ScriptedReader(Dictionary<int, string> byTop, Dictionary<int, string>? arabicByTop = null, int unsureArabicAt = -1) : IPlateReader
    {
        public bool TryRead(Frame frame, PixelBox plate, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PlateText? text)
        {
            var arabic = arabicByTop?.GetValueOrDefault(plate.Y);
            text = byTop.TryGetValue(plate.Y, out var t)
                ? new PlateText(t, "??", 0.9f, [.. t.Select(_ => 0.95f)])
                {
                    ArabicHalf = arabic,
                    ArabicCharConfidences = [.. (arabic ?? string.Empty).Select(_ => plate.Y == unsureArabicAt ? 0.5f : 0.95f)],
                }
                : null;
            return text is not null;
        }
    }
}
