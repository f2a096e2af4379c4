using EdgeCamera.Edge.Commands;
using EdgeCamera.Edge.Evaluation;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Edge.Tests.Detection;

/// <summary>The committed detector's two input slots (the detect stage letterboxes the next frame while the model
/// runs), on two labelled frames of the simulated camera's clip.</summary>
public sealed class OnnxDetectorSlotsTests
{
    [Fact]
    public async Task Each_slot_gives_what_Detect_gives_while_the_other_is_filled_on_another_thread()
    {
        var clipDir = await SimulatedCamera.RenderAsync(1);
        Assert.True(LabelsFile.TryLoad(Path.Combine(clipDir, "labels.tsv"), out var labels, out var error), error);
        var frames = labels.Select(l => l.ImagePath).Distinct().Take(2).Select(Load).ToArray();
        using var a = frames[0];
        using var b = frames[1];
        using var detector = new OnnxPlateDetector(OnnxRuntimeOptions.Resolve(new OnnxRuntimeOptions().DetectorPath));
        var expectedA = Detect(a, detector.Detect);
        var expectedB = Detect(b, detector.Detect);

        detector.Prepare(a, 0);
        PlateCandidate[] gotA, gotB;
        using (var preparer = new InputPreparer(detector))
        {
            preparer.Start(b, 1);
            gotA = Detect(a, (frame, found) => detector.DetectPrepared(frame, 0, found));
            preparer.Wait();
            gotB = Detect(b, (frame, found) => detector.DetectPrepared(frame, 1, found));
        }

        Assert.NotEmpty(expectedA);
        Assert.NotEmpty(expectedB);
        Assert.Equal(expectedA, gotA);
        Assert.Equal(expectedB, gotB);
    }

    [Fact]
    public async Task The_mirrored_look_keeps_every_plate_the_first_look_finds_with_its_box()
    {
        var clipDir = await SimulatedCamera.RenderAsync(1);
        Assert.True(LabelsFile.TryLoad(Path.Combine(clipDir, "labels.tsv"), out var labels, out var error), error);
        string path = OnnxRuntimeOptions.Resolve(new OnnxRuntimeOptions().DetectorPath);
        using var once = new OnnxPlateDetector(path);
        using var twice = new OnnxPlateDetector(path, new OnnxRuntimeOptions { MirroredDetectorLook = true });
        int plates = 0;
        foreach (string image in labels.Select(l => l.ImagePath).Distinct().Take(4))
        {
            using var frame = Load(image);
            var first = Detect(frame, once.Detect);
            var both = Detect(frame, twice.Detect);
            plates += first.Length;
            Assert.True(both.Length >= first.Length, $"{image}: {both.Length} boxes with the mirrored look, {first.Length} without");
            foreach (var candidate in first)
            {
                Assert.Contains(both, c => c.Box == candidate.Box && c.Score >= candidate.Score);
            }
        }

        Assert.True(plates > 0, "the detector found nothing in the clip's first frames");
    }

    private static Frame Load(string path)
    {
        Assert.True(ImageFrames.TryLoad(path, out var frame, out var error), error);
        return frame!;
    }

    private static PlateCandidate[] Detect(Frame frame, Func<Frame, Span<PlateCandidate>, int> detect)
    {
        var found = new PlateCandidate[8];
        return found[..detect(frame, found)];
    }
}
