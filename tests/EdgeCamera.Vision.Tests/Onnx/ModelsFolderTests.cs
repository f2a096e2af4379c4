using EdgeCamera.TestKit;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class ModelsFolderTests
{
    [Fact]
    public void The_committed_models_folder_names_the_verifier_the_box_refiner_and_both_recognisers()
    {
        var runtime = new OnnxRuntimeOptions();

        runtime.UseModelsFolder(RepoPaths.InRepo("models"));

        Assert.Equal(RepoPaths.InRepo("models", "plate-recogniser.onnx"), runtime.RecogniserPath);
        Assert.Equal(RepoPaths.InRepo("models", "plate-verifier.onnx"), runtime.VerifierPath);
        Assert.Equal(RepoPaths.InRepo("models", "plate-refiner.onnx"), runtime.RefinerPath);
        Assert.Equal(RepoPaths.InRepo("models", "plate-recogniser-b.onnx"), runtime.SecondRecogniserPath);
    }

    [Fact]
    public void A_folder_of_older_models_without_verifier_refiner_or_second_recogniser_runs_the_detector_and_first_recogniser_alone()
    {
        string folder = Directory.CreateTempSubdirectory("edgecam-models-").FullName;
        try
        {
            var runtime = new OnnxRuntimeOptions();

            runtime.UseModelsFolder(folder);

            Assert.Equal(Path.Combine(folder, "plate-detector.onnx"), runtime.DetectorPath);
            Assert.Equal(string.Empty, runtime.SecondRecogniserPath);
            Assert.Equal(string.Empty, runtime.VerifierPath);
            Assert.Equal(string.Empty, runtime.RefinerPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_models_folder_with_a_box_refiner_names_it()
    {
        string folder = Directory.CreateTempSubdirectory("edgecam-models-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "plate-refiner.onnx"), []);
            var runtime = new OnnxRuntimeOptions();

            runtime.UseModelsFolder(folder);

            Assert.Equal(Path.Combine(folder, "plate-refiner.onnx"), runtime.RefinerPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
