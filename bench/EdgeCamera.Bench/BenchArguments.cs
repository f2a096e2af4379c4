using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeCamera.Bench.Engines;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Bench;

/// <summary>
/// Command line: <c>[--engines onnx,onnx+tesseract,classic,haar] [--models DIR] [--seconds N] [--offline-seconds N] [--pixel-format i420|bgr24] [--prepare-ahead on|off]</c>.
/// </summary>
internal sealed record BenchArguments(IReadOnlyList<BenchEngineKind> Engines, string ModelsDir, TimeSpan? LiveDuration, TimeSpan OfflineLimit, FramePixelFormat PixelFormat, bool PrepareAhead)
{
    public const string Usage =
        "usage: EdgeCamera.Bench [--engines onnx,onnx+tesseract,classic,haar] [--models DIR] [--seconds N] [--offline-seconds N] [--pixel-format i420|bgr24] [--prepare-ahead on|off]\n" +
        "  --engines          which engines, in this order (default: all four)\n" +
        "  --models DIR       plate-detector.onnx and plate-recogniser.onnx (+ .json) for the onnx engines (default: models)\n" +
        "  --seconds N        live run per engine, 1–600 s (default: one clip length)\n" +
        "  --offline-seconds N  offline run per engine at most, 1–600 s (default 45; a faster engine does the whole clip)\n" +
        "  --pixel-format F   what the decoder writes: i420 (default, as the unit's camera) or bgr24\n" +
        "  --prepare-ahead X  Pipeline:PrepareAhead, the detect stage letterboxing the next waiting frame meanwhile (default on, as the unit)";

    /// <summary>Longest run allowed per engine and phase: ten minutes.</summary>
    private const int MaxSeconds = 600;

    /// <summary>Offline cap per engine: four engines × (45 s offline + a 35-s clip live + connecting) + decoding keeps the default run under ~6 minutes.</summary>
    private static readonly TimeSpan DefaultOfflineLimit = TimeSpan.FromSeconds(45);

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchArguments? parsed, out string error)
    {
        parsed = null;
        error = string.Empty;
        TimeSpan? live = null;
        var offline = DefaultOfflineLimit;
        var models = "models";
        var format = FramePixelFormat.I420;
        var prepareAhead = new PipelineOptions().PrepareAhead;
        IReadOnlyList<BenchEngineKind> engines = Enum.GetValues<BenchEngineKind>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--seconds" => TrySeconds(value, out var s) && Set(ref live, s),
                "--offline-seconds" => TrySeconds(value, out var s) && Set(ref offline, s),
                "--models" => value is not null && Set(ref models, value),
                "--engines" => TryEngines(value, out var e) && Set(ref engines, e),
                "--pixel-format" => TryFormat(value, out var f) && Set(ref format, f),
                "--prepare-ahead" => value is "on" or "off" && Set(ref prepareAhead, value == "on"),
                _ => false,
            };
            if (!ok)
            {
                error = $"{Usage}\nNot understood: {args[i]}{(value is null ? string.Empty : " " + value)}";
                return false;
            }

            i++;
        }

        parsed = new BenchArguments(engines, models, live, offline, format, prepareAhead);
        return true;
    }

    private static bool Set<T>(ref T target, T value)
    {
        target = value;
        return true;
    }

    private static bool TryFormat(string? value, out FramePixelFormat format)
    {
        format = value switch { "i420" => FramePixelFormat.I420, "bgr24" => FramePixelFormat.Bgr24, _ => (FramePixelFormat)(-1) };
        return Enum.IsDefined(format);
    }

    private static bool TrySeconds(string? value, out TimeSpan seconds)
    {
        seconds = default;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s is < 1 or > MaxSeconds)
        {
            return false;
        }

        seconds = TimeSpan.FromSeconds(s);
        return true;
    }

    private static bool TryEngines(string? value, out IReadOnlyList<BenchEngineKind> engines)
    {
        var list = new List<BenchEngineKind>();
        engines = list;
        foreach (var name in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!BenchEngineNames.TryParse(name, out var kind) || list.Contains(kind))
            {
                return false;
            }

            list.Add(kind);
        }

        return list.Count > 0;
    }
}
