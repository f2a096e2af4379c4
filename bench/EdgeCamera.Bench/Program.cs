using System.Globalization;
using EdgeCamera.Bench;
using EdgeCamera.Bench.Decode;
using EdgeCamera.Bench.Engines;
using EdgeCamera.Bench.Pipeline;
using EdgeCamera.Bench.Report;
using EdgeCamera.Hardware.Scenario;
using EdgeCamera.TestKit;
using Microsoft.Extensions.Logging;

// Reads /proc and runs bash and ffmpeg: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// One run, one table: decode ceilings, then per engine the offline pipeline (clip file, every frame) and the live
// pipeline (the simulated camera's RTSP stream on 127.0.0.1), all measured on the same machine in the same run.
if (!BenchArguments.TryParse(args, out var arguments, out var usage))
{
    Console.Error.WriteLine(usage);
    return 2;
}

if (arguments.Engines.Any(e => e is BenchEngineKind.Onnx or BenchEngineKind.OnnxTesseract))
{
    var runtime = BenchEngine.RuntimeFor(arguments.ModelsDir);
    var missing = new[] { runtime.DetectorPath, runtime.RecogniserPath }
        .SelectMany(p => new[] { p, Path.ChangeExtension(p, ".json") }).Where(p => !File.Exists(p)).ToList();
    if (missing.Count > 0)
    {
        Console.Error.WriteLine($"The onnx engines need {string.Join(", ", missing)}: pass --models DIR, or leave them out with --engines classic,haar.");
        return 2;
    }
}

var time = TimeProvider.System;
using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var c = CultureInfo.InvariantCulture;
var loadBefore = MachineInfo.LoadAverage1Min();
var engineNames = string.Join(", ", arguments.Engines.Select(BenchEngineNames.Of));
Console.WriteLine(string.Create(c, $"EdgeCamera bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {MachineInfo.CpuModel()}, load average (1 min) {loadBefore:F2} at start"));
Console.WriteLine($"Engines: {engineNames}; models from {Path.GetFullPath(arguments.ModelsDir)}; decoder writes {arguments.PixelFormat}; detect stage prepares ahead: {(arguments.PrepareAhead ? "on" : "off")}");

Console.WriteLine("Rendering or finding the simulated camera's clip (seed 1)…");
var clipDir = await SimulatedCamera.RenderAsync(1);
var clip = Path.Combine(clipDir, "road.mp4");
var truth = SimcamGroundTruth.TryLoad(Path.Combine(clipDir, "groundtruth.json"), out var loaded) ? loaded : throw new InvalidDataException("groundtruth.json unreadable");
Console.WriteLine(string.Create(c, $"Clip: {truth.Width}x{truth.Height} at {truth.Fps} frames/s, {truth.Frames} frames, {truth.Vehicles.Count} vehicles ({clipDir})"));

Console.WriteLine("Decode-only ceiling (ffmpeg -f null)…");
var nullDecodeFps = await NullDecode.FramesPerSecondAsync("ffmpeg", clip, truth.Frames, runs: 2);
Console.WriteLine("Decode through FfmpegCamera…");
var cameraDecode = await CameraDecodeResult.MeasureAsync(clip, truth.Width, truth.Height, arguments.PixelFormat, logs, time);

var liveDuration = arguments.LiveDuration ?? TimeSpan.FromSeconds((double)truth.Frames / truth.Fps);
var results = new List<EngineResult>();
using (var camera = await SimulatedCamera.StartAsync(1))
{
    foreach (var kind in arguments.Engines)
    {
        results.Add(await EngineRun.RunAsync(kind, arguments, clip, truth, camera.Url, liveDuration, logs, time));
    }
}

var loadAfter = MachineInfo.LoadAverage1Min();
Console.WriteLine();
Console.WriteLine(string.Create(c, $"Load average (1 min): {loadBefore:F2} at start, {loadAfter:F2} at end."));
Console.WriteLine();
Console.Write(ResultTable.Render(nullDecodeFps, cameraDecode, results));
return 0;
