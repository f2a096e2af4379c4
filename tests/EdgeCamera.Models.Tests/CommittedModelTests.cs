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
    [InlineData(1)]
    [InlineData(3)]
    public void Committed_recogniser_has_the_contract_input_outputs_and_sidecar_for_any_batch(int batch)
    {
        ModelContract.CheckRecogniser(RepoPaths.InRepo("models", "plate-recogniser.onnx"),
                                      RepoPaths.InRepo("models", "plate-recogniser.json"), batch);
    }
}
