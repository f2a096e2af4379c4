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
    public void A_recogniser_description_is_read_with_its_alphabet_and_formats()
    {
        string path = Path.Combine(_dir, "r.json");
        File.WriteAllText(path, """{"name":"r","version":"1","input":{"name":"crop","width":160,"height":64,"channels":1,"margin":0.1},"alphabet":"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ","slots":10,"formats":["sa-private","other"],"outputs":{"latin":"latin","format":"format","arabic":"arabic"}}""");

        var info = RecogniserModelInfo.Load(path);

        Assert.Equal(37, info.Classes);
        Assert.Equal(["sa-private", "other"], info.Formats);
        Assert.Equal(0.1, info.Margin);
    }

    [Fact]
    public void A_missing_description_file_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DetectorModelInfo.Load(Path.Combine(_dir, "absent.json")));

        Assert.Contains("CONTRACT", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
