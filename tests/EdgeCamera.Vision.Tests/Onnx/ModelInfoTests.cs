using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class ModelInfoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-modelinfo-").FullName;

    [Fact]
    public void A_detector_description_without_a_threshold_is_refused_naming_the_field()
    {
        string path = Path.Combine(_dir, "d.json");
        File.WriteAllText(path, """{"name":"d","version":"1","input":{"name":"image","width":640,"height":384,"pad":0.5},"stride":4,"outputs":{"heatmap":"heatmap","box":"box"}}""");

        var error = Assert.Throws<InvalidDataException>(() => DetectorModelInfo.Load(path));

        Assert.Contains("threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verifier_description_is_read_with_its_keep_rule_and_one_without_the_detectors_score_is_refused()
    {
        string Write(string name, string rule)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, $$$"""{"name":"v","version":"1","input":{"name":"crop","width":160,"height":64,"channels":1,"margin":0.1},"outputs":{"plate":"plate"},{{{rule}}}}""");
            return path;
        }

        var info = VerifierModelInfo.Load(Write("v.json", "\"detector_threshold\":0.3,\"threshold\":0.05,\"faint_threshold\":0.5"));
        var error = Assert.Throws<InvalidDataException>(() => VerifierModelInfo.Load(Write("v-old.json", "\"threshold\":0.05,\"faint_threshold\":0.5")));

        Assert.Equal((0.3f, 0.05f, 0.5f), (info.DetectorThreshold, info.Threshold, info.FaintThreshold));
        Assert.Contains("detector_threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refiner_description_is_read_with_its_region_and_one_without_region_y_is_refused()
    {
        string Write(string name, string region)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, $$$"""{"name":"f","version":"1","input":{"name":"region","width":160,"height":64,"channels":1,{{{region}}}},"outputs":{"edges":"edges"}}""");
            return path;
        }

        var info = RefinerModelInfo.Load(Write("f.json", "\"region_x\":0.25,\"region_y\":0.5"));
        var error = Assert.Throws<InvalidDataException>(() => RefinerModelInfo.Load(Write("f-old.json", "\"region_x\":0.25")));

        Assert.Equal((0.25, 0.5, "edges"), (info.RegionX, info.RegionY, info.EdgesOutput));
        Assert.Contains("region_y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recogniser_description_is_read_with_its_alphabet_and_formats()
    {
        string path = Path.Combine(_dir, "r.json");
        File.WriteAllText(path, """{"name":"r","version":"1","input":{"name":"crop","width":160,"height":64,"channels":1,"margin":0.1},"alphabet":"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ","slots":10,"formats":["sa-private","other"],"outputs":{"latin":"latin","format":"format","arabic":"arabic"}}""");

        var info = RecogniserModelInfo.Load(path);

        Assert.Equal(37, info.Classes);
        Assert.Equal(["sa-private", "other"], info.Formats);
        Assert.Equal(0.1, info.Margin);
        Assert.Equal(RecogniserDecoding.Slots, info.Decoding);
    }

    [Fact]
    public void A_recogniser_that_says_ctc_is_decoded_by_columns_and_an_unknown_decoding_is_refused()
    {
        string Write(string decoding)
        {
            string path = Path.Combine(_dir, $"r-{decoding}.json");
            File.WriteAllText(path, $$$"""{"name":"r","version":"2","input":{"name":"crop","width":160,"height":64,"channels":1,"margin":0.1},"alphabet":"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ","decoding":"{{{decoding}}}","slots":40,"formats":["other"],"outputs":{"latin":"latin","format":"format","arabic":"arabic"}}""");
            return path;
        }

        var info = RecogniserModelInfo.Load(Write("ctc"));
        Assert.Equal(RecogniserDecoding.Ctc, info.Decoding);
        Assert.Equal(40, info.Slots);

        var error = Assert.Throws<InvalidDataException>(() => RecogniserModelInfo.Load(Write("beam")));
        Assert.Contains("beam", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_description_file_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DetectorModelInfo.Load(Path.Combine(_dir, "absent.json")));

        Assert.Contains("CONTRACT", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
