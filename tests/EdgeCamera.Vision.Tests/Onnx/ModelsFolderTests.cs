using EdgeCamera.TestKit;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class ModelsFolderTests
{
    [Fact]
    public void The_committed_models_folder_names_both_recognisers()
    {
        var runtime = new OnnxRuntimeOptions();

        runtime.UseModelsFolder(RepoPaths.InRepo("models"));

        Assert.Equal(RepoPaths.InRepo("models", "plate-recogniser.onnx"), runtime.RecogniserPath);
        Assert.Equal(RepoPaths.InRepo("models", "plate-recogniser-b.onnx"), runtime.SecondRecogniserPath);
    }

    [Fact]
    public void A_folder_of_older_models_without_a_second_recogniser_reads_with_the_first_alone()
    {
        string folder = Directory.CreateTempSubdirectory("edgecam-models-").FullName;
        try
        {
            var runtime = new OnnxRuntimeOptions();

            runtime.UseModelsFolder(folder);

            Assert.Equal(Path.Combine(folder, "plate-detector.onnx"), runtime.DetectorPath);
            Assert.Equal(string.Empty, runtime.SecondRecogniserPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
