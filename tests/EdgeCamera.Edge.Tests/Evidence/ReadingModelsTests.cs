using System.Security.Cryptography;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Edge.Tests.Evidence;

public sealed class ReadingModelsTests
{
    [Fact]
    public void Evidence_names_the_committed_models_by_version_and_file_hash()
    {
        var runtime = new OnnxRuntimeOptions();
        using var engine = PlateEngine.Create(PlateEngineKind.Onnx, runtime);
        var refined = (RefinedPlateDetector)engine.Detector;
        var refiner = (OnnxPlateBoxRefiner)refined.Refiner;
        var verified = (VerifiedPlateDetector)refined.Detector;
        var detector = (OnnxPlateDetector)verified.Detector;
        var verifier = (OnnxPlateVerifier)verified.Verifier;
        var pair = (BestOfTwoPlateReader)((WideningPlateReader)engine.Reader).Inner;
        var recogniser = (OnnxPlateReader)pair.First;
        var second = (OnnxPlateReader)pair.Second;

        var models = ReadingModels.From(engine).Models;

        Assert.Equal(
            [
                (detector.Info.Name, $"{detector.Info.Version} sha256:{Sha256Prefix(OnnxRuntimeOptions.Resolve(runtime.DetectorPath))}"),
                (verifier.Info.Name, $"{verifier.Info.Version} sha256:{Sha256Prefix(OnnxRuntimeOptions.Resolve(runtime.VerifierPath))}"),
                (refiner.Info.Name, $"{refiner.Info.Version} sha256:{Sha256Prefix(OnnxRuntimeOptions.Resolve(runtime.RefinerPath))}"),
                (recogniser.Info.Name, $"{recogniser.Info.Version} sha256:{Sha256Prefix(OnnxRuntimeOptions.Resolve(runtime.RecogniserPath))}"),
                (second.Info.Name, $"{second.Info.Version} sha256:{Sha256Prefix(OnnxRuntimeOptions.Resolve(runtime.SecondRecogniserPath))}"),
            ],
            models.Select(m => (m.Name, m.Version)));
    }

    [Fact]
    public void The_classic_engine_is_named_without_a_model_file()
    {
        using var engine = PlateEngine.Create(PlateEngineKind.Classic, new OnnxRuntimeOptions());

        Assert.Equal(["plate-detector classic", "plate-reader tesseract-5"], ReadingModels.From(engine).Models.Select(m => $"{m.Name} {m.Version}"));
    }

    private static string Sha256Prefix(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..12];
}
