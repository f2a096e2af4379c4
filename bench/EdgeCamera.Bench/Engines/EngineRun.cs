using System.Globalization;
using EdgeCamera.Bench.Pipeline;
using EdgeCamera.Hardware.Scenario;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Bench.Engines;

/// <summary>One engine through both pipeline runs: created, run live then offline, disposed.</summary>
internal static class EngineRun
{
    public static async Task<EngineResult> RunAsync(
        BenchEngineKind kind, BenchArguments arguments, string clip, SimcamGroundTruth truth, string liveUrl, TimeSpan liveDuration,
        ILoggerFactory logs, TimeProvider time)
    {
        var name = BenchEngineNames.Of(kind);
        var c = CultureInfo.InvariantCulture;
        BenchEngine engine;
        try
        {
            engine = BenchEngine.Create(kind, arguments.ModelsDir);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or FileNotFoundException or InvalidDataException
            or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or OpenCvSharp.OpenCvSharpException)
        {
            // A missing native library (OpenCV on arm64, GTK not installed), cascade or model: say so in the table.
            Console.WriteLine($"{name}: cannot run: {ex.GetBaseException().Message}");
            return EngineResult.Failed(name, ex.GetBaseException().Message);
        }

        using (engine)
        {
            Console.WriteLine($"{name}: {engine.Description}");
            // Live first: its peak RSS is then the unit's own (the unit never runs an offline pass, whose leftover
            // frames and pooled buffers a compacting GC does not give back; measured 274 vs 300 MiB, 2026-11-26).
            Console.WriteLine(string.Create(c, $"{name}: live pipeline on RTSP for {liveDuration.TotalSeconds:F0} s…"));
            var live = await LiveRun.RunAsync(liveUrl, truth, engine, liveDuration, arguments.PixelFormat, arguments.PrepareAhead, logs, time);
            Console.WriteLine(string.Create(c, $"{name}: {live.Processed} frames processed, {live.Dropped} skipped ({live.CameraDropped} by the camera queue, {live.DetectedDropped} between the stages)"));
            Console.WriteLine(string.Create(c, $"{name}: offline pipeline (every frame, at most {arguments.OfflineLimit.TotalSeconds:F0} s)…"));
            var offline = await OfflineRun.RunAsync(clip, truth, engine, arguments.OfflineLimit, arguments.PixelFormat, arguments.PrepareAhead, time);
            Console.WriteLine(string.Create(c, $"{name}: {offline.Frames} frames at {offline.FramesPerSecond:F1} frames/s"));
            return new EngineResult(name, engine.Description, offline, live, null);
        }
    }
}
