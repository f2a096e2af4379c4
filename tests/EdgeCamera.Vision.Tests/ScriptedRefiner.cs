using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

/// <summary>A refiner that redraws the boxes it was given and no other (as a box outside the frame).</summary>
internal sealed class ScriptedRefiner(params (PixelBox From, PixelBox To)[] redraws) : IPlateBoxRefiner
{
    public bool TryRefine(Frame frame, PixelBox box, out PixelBox refined)
    {
        foreach (var (from, to) in redraws)
        {
            if (from == box)
            {
                refined = to;
                return true;
            }
        }

        refined = box;
        return false;
    }
}
