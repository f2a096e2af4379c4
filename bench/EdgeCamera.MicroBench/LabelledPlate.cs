using EdgeCamera.Edge.Commands;
using EdgeCamera.Edge.Evaluation;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;

namespace EdgeCamera.MicroBench;

/// <summary>
/// The 1080p frame of the simulated camera's clip (seed 1) where vehicle 1's plate is widest, as hardware/simcam
/// writes it to frames/v1.png, with its labelled plate box and text. Whoever loads it disposes the frame.
/// </summary>
internal sealed record LabelledPlate(Frame Frame, PixelBox Box, string Plate, string ImagePath)
{
    public static LabelledPlate Load()
    {
        var clipDir = SimulatedCamera.RenderAsync(1).GetAwaiter().GetResult();
        if (!LabelsFile.TryLoad(Path.Combine(clipDir, "labels.tsv"), out var labels, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var first = labels[0];
        if (!ImageFrames.TryLoad(first.ImagePath, out var frame, out error) || frame is null)
        {
            throw new InvalidOperationException(error);
        }

        return new LabelledPlate(frame, first.Box, first.Plate, first.ImagePath);
    }
}
