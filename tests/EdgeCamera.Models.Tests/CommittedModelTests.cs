using EdgeCamera.TestKit;

namespace EdgeCamera.Models.Tests;

/// <summary>The models committed in models/ are the ones the edge ships: they must honour CONTRACT.md.</summary>
public sealed class CommittedModelTests
{
    [Fact]
    public void Committed_detector_has_the_contract_input_outputs_and_sidecar()
    {
        ModelContract.CheckDetector(RepoPaths.InRepo("models", "plate-detector.onnx"),
                                    RepoPaths.InRepo("models", "plate-detector.json"));
    }

    [Theory]
    [InlineData("plate-recogniser", 1)]
    [InlineData("plate-recogniser", 3)]
    [InlineData("plate-recogniser-b", 1)]
    [InlineData("plate-recogniser-b", 3)]
    public void Committed_recognisers_have_the_contract_input_outputs_and_sidecar_for_any_batch(string name, int batch)
    {
        ModelContract.CheckRecogniser(RepoPaths.InRepo("models", name + ".onnx"), RepoPaths.InRepo("models", name + ".json"), batch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Committed_verifier_has_the_contract_input_output_and_sidecar_for_any_batch(int batch)
    {
        ModelContract.CheckVerifier(RepoPaths.InRepo("models", "plate-verifier.onnx"), RepoPaths.InRepo("models", "plate-verifier.json"), batch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Committed_box_refiner_has_the_contract_input_output_and_sidecar_for_any_batch(int batch)
    {
        ModelContract.CheckRefiner(RepoPaths.InRepo("models", "plate-refiner.onnx"), RepoPaths.InRepo("models", "plate-refiner.json"), batch);
    }
}
