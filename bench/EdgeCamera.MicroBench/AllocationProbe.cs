using System.Globalization;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.MicroBench;

/// <summary>
/// <c>--allocations</c>: managed bytes allocated per call, part by part, on this thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, exact, after warm-up), so an allocation the memory diagnoser
/// shows on Detect or TryRead can be pinned to the step that makes it. Also runs the detector model through ORT's
/// IO binding, the run path that takes no managed arrays per call, for comparison.
/// </summary>
internal static class AllocationProbe
{
    /// <summary>Past the JIT's tier-up (30 calls, then a background recompile), so its stubs are not counted.</summary>
    private const int WarmUp = 100;
    private const int Calls = 300;

    public static void Run()
    {
        var runtime = BenchModels.Runtime(1, GraphOptimizationLevel.ORT_ENABLE_ALL);
        var plate = LabelledPlate.Load();
        using var frame = plate.Frame;
        using var detector = new OnnxPlateDetector(runtime.DetectorPath, runtime);
        using var reader = new OnnxPlateReader(runtime.RecogniserPath, runtime);
        var d = detector.Info;
        var r = reader.Info;
        var candidates = new PlateCandidate[8];
        Console.WriteLine($"Managed bytes allocated per call ({Calls} calls after {WarmUp} warm-up; {d.Name} {d.Version}, {r.Name} {r.Version}):");

        var letterbox = new Letterbox(d.InputWidthPx, d.InputHeightPx, d.PadValue);
        Report("Letterbox.Fill (1080p frame)", () => letterbox.Fill(frame));
        var sampler = new GreyCropSampler(r.InputWidthPx, r.InputHeightPx);
        var crop = new float[r.InputWidthPx * r.InputHeightPx];
        var cropBox = plate.Box.Inflate(r.Margin, r.Margin).Clamp(frame.Width, frame.Height);
        Report("GreyCropSampler.Sample (plate box)", () => sampler.Sample(frame, cropBox, crop));
        Report("OnnxPlateDetector.Detect (whole)", () => detector.Detect(frame, candidates));
        Report("OnnxPlateReader.TryRead (whole)", () => reader.TryRead(frame, plate.Box, out _));
        var twoThreads = BenchModels.Runtime(2, GraphOptimizationLevel.ORT_ENABLE_BASIC);
        using (var detector2 = new OnnxPlateDetector(twoThreads.DetectorPath, twoThreads))
        {
            Report("OnnxPlateDetector.Detect (whole), IntraOpThreads 2, Basic", () => detector2.Detect(frame, candidates));
        }


        // The detector model's ORT run alone, as OnnxPlateDetector calls it, and through IO binding.
        using var options = runtime.CreateSessionOptions();
        using var session = new InferenceSession(runtime.DetectorPath, options);
        using var runOptions = new RunOptions();
        int gw = d.InputWidthPx / d.StridePx, gh = d.InputHeightPx / d.StridePx;
        var heat = new float[gw * gh];
        var boxes = new float[4 * gw * gh];
        using var input = OrtValue.CreateTensorValueFromMemory(letterbox.Tensor, [1, 3, d.InputHeightPx, d.InputWidthPx]);
        using var heatValue = OrtValue.CreateTensorValueFromMemory(heat, [1, 1, gh, gw]);
        using var boxValue = OrtValue.CreateTensorValueFromMemory(boxes, [1, 4, gh, gw]);
        string[] inNames = [d.InputName], outNames = [d.HeatmapOutput, d.BoxOutput];
        OrtValue[] inValues = [input], outValues = [heatValue, boxValue];
        Report("InferenceSession.Run(RunOptions, names, OrtValues) — detector", () => session.Run(runOptions, inNames, inValues, outNames, outValues));
        using var binding = session.CreateIoBinding();
        binding.BindInput(d.InputName, input);
        binding.BindOutput(d.HeatmapOutput, heatValue);
        binding.BindOutput(d.BoxOutput, boxValue);
        Report("InferenceSession.RunWithBinding(RunOptions, OrtIoBinding) — detector", () => session.RunWithBinding(runOptions, binding));
        session.Run(runOptions, inNames, inValues, outNames, outValues);
        var byRun = (float[])heat.Clone();
        Array.Clear(heat);
        session.RunWithBinding(runOptions, binding);
        Console.WriteLine($"  (both run paths write the same heatmap into the reused buffer: {(byRun.AsSpan().SequenceEqual(heat) ? "yes" : "NO")})");
        Report("OrtValue.GetTensorDataAsSpan<float>() — heatmap output", () => heatValue.GetTensorDataAsSpan<float>());
        var decoder = new HeatmapDecoder(gw, gh, d.StridePx);
        Report("HeatmapDecoder.Decode", () => decoder.Decode(heat, boxes, d.Threshold, letterbox.Scale, frame.Width, frame.Height, candidates));

        // The recogniser model's ORT run alone, as OnnxPlateReader calls it (one input, three outputs).
        using var recogniserSession = new InferenceSession(runtime.RecogniserPath, options);
        var latin = new float[r.Slots * r.Classes];
        var format = new float[r.Formats.Count];
        var arabic = new float[r.Slots * r.Classes];
        using var cropValue = OrtValue.CreateTensorValueFromMemory(crop, [1, 1, r.InputHeightPx, r.InputWidthPx]);
        using var latinValue = OrtValue.CreateTensorValueFromMemory(latin, [1, r.Slots, r.Classes]);
        using var formatValue = OrtValue.CreateTensorValueFromMemory(format, [1, r.Formats.Count]);
        using var arabicValue = OrtValue.CreateTensorValueFromMemory(arabic, [1, r.Slots, r.Classes]);
        string[] recIn = [r.InputName], recOut = [r.LatinOutput, r.FormatOutput, r.ArabicOutput];
        OrtValue[] recInValues = [cropValue], recOutValues = [latinValue, formatValue, arabicValue];
        Report("InferenceSession.Run(RunOptions, names, OrtValues) — recogniser", () => recogniserSession.Run(runOptions, recIn, recInValues, recOut, recOutValues));

        // Seven characters: slot i holds alphabet character i, the remaining slots are empty (class 0).
        var slots = new float[r.Slots * r.Classes];
        for (int slot = 0; slot < r.Slots; slot++)
        {
            slots[(slot * r.Classes) + (slot < 7 ? slot + 1 : 0)] = 1;
        }

        var confidences = new float[r.Slots];
        Report("SlotDecoder.Decode (7 characters: the text string)", () => SlotDecoder.Decode(slots, r.Slots, r.Alphabet, confidences, out _, out _));
        Report("confidences[..7] (PlateText.CharConfidences copy)", () => _ = confidences[..7]);
        Report("new PlateText(...) { ArabicHalf, Source }", () => _ = new PlateText("ABC1234", "SA", 0.9f, confidences) { ArabicHalf = "ABC1234", Source = "onnx" });
        plate.Frame.Dispose();
    }

    private static void Report(string what, Action call)
    {
        for (int i = 0; i < WarmUp; i++)
        {
            call();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            call();
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-72} {bytes / (double)Calls,8:F1} B"));
    }
}
