using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

/// <summary>A detector that finds the same candidates in every frame.</summary>
internal sealed class ScriptedDetector(params PlateCandidate[] candidates) : IPipelinedPlateDetector
{
    public int Detect(Frame frame, Span<PlateCandidate> found) => DetectPrepared(frame, 0, found);

    public void Prepare(Frame frame, int slot)
    {
    }

    public int DetectPrepared(Frame frame, int slot, Span<PlateCandidate> found)
    {
        candidates.CopyTo(found);
        return candidates.Length;
    }
}
