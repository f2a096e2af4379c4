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

    /// <summary>The frame as the camera delivers it: I420, BT.601 limited range (the forward form of the matrix
    /// <see cref="FrameBgr"/> inverts; chroma the mean of each 2 × 2 block). The caller disposes it.</summary>
    public Frame ToI420()
    {
        int w = Frame.Width, h = Frame.Height, cw = (w + 1) / 2, ch = (h + 1) / 2;
        var i420 = new Frame(w, h, Frame.Sequence, Frame.CapturedAtUtc, Frame.CapturedAtTimestamp, FramePixelFormat.I420);
        ReadOnlySpan<byte> bgr = Frame.ReadOnlyPixels;
        Span<byte> planes = i420.Pixels;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int at = (y * w * 3) + (x * 3);
                planes[(y * w) + x] = (byte)((((66 * bgr[at + 2]) + (129 * bgr[at + 1]) + (25 * bgr[at]) + 128) >> 8) + 16);
            }
        }

        for (int cy = 0; cy < ch; cy++)
        {
            for (int cx = 0; cx < cw; cx++)
            {
                int b = 0, g = 0, r = 0, n = 0;
                for (int y = 2 * cy; y < Math.Min(h, (2 * cy) + 2); y++)
                {
                    for (int x = 2 * cx; x < Math.Min(w, (2 * cx) + 2); x++, n++)
                    {
                        int at = (y * w * 3) + (x * 3);
                        (b, g, r) = (b + bgr[at], g + bgr[at + 1], r + bgr[at + 2]);
                    }
                }

                (b, g, r) = (b / n, g / n, r / n);
                planes[(w * h) + (cy * cw) + cx] = (byte)((((-38 * r) - (74 * g) + (112 * b) + 128) >> 8) + 128);
                planes[(w * h) + (cw * ch) + (cy * cw) + cx] = (byte)((((112 * r) - (94 * g) - (18 * b) + 128) >> 8) + 128);
            }
        }

        return i420;
    }
}
