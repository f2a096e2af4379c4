using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision.Tests;

public sealed class ArabicLineTests
{
    private static readonly IReadOnlyDictionary<char, char> Letters =
        RecogniserModelInfo.Load(RepoPaths.InRepo("models", "plate-recogniser.json")).ArabicLetters;

    [Fact]
    public void The_committed_recogniser_names_the_official_seventeen_letter_table()
    {
        Assert.Equal(17, Letters.Count);
        Assert.Equal(('ب', 'ح', 'ى'), (Letters['B'], Letters['J'], Letters['V']));
    }

    [Fact]
    public void A_saudi_arabic_half_is_written_as_the_plate_is_read_right_to_left()
    {
        Assert.True(ArabicLine.TryCompose("3903BSJ", Letters, out var line));

        // letters right to left, one per cell, then the number in Arabic-Indic digits (models/plategen's arabic_text)
        Assert.Equal("ح س ب ٣٩٠٣", line);
    }

    [Fact]
    public void A_letter_outside_the_table_gives_no_arabic_line()
    {
        Assert.False(ArabicLine.TryCompose("3903BSW", Letters, out var line));
        Assert.Null(line);
        Assert.False(ArabicLine.TryCompose(string.Empty, Letters, out _));
    }

    [Fact]
    public void A_sidecar_whose_letter_table_maps_more_than_one_letter_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recogniser-{Guid.NewGuid():N}.json");
        var json = File.ReadAllText(RepoPaths.InRepo("models", "plate-recogniser.json"))
            .Replace("\"arabic_letters\": {", "\"arabic_letters\": {\n    \"AB\": \"x\",", StringComparison.Ordinal);
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => RecogniserModelInfo.Load(path));
            Assert.Contains("arabic_letters", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
