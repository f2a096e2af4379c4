using System.Globalization;
using System.Text;
using EdgeCamera.Bench.Decode;
using EdgeCamera.Bench.Engines;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Bench.Pipeline;

namespace EdgeCamera.Bench.Report;

/// <summary>
/// The one table the bench prints (Markdown, so it can be pasted into bench/README.md as it is): a row per measure,
/// a column per engine; the decode ceilings are the same for every engine and stand in the first engine's column.
/// </summary>
internal static class ResultTable
{
    private const double MiB = 1024.0 * 1024.0;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(double nullDecodeFps, CameraDecodeResult cameraDecode, IReadOnlyList<EngineResult> engines)
    {
        var sb = new StringBuilder();
        sb.Append("| measure | ").AppendJoin(" | ", engines.Select(e => $"**{e.Name}**")).AppendLine(" | issue 4 target |");
        sb.Append("|---|").AppendJoin(string.Empty, engines.Select(_ => "---|")).AppendLine("---|");
        Row(sb, "Engine", engines, e => e.Error is null ? e.Description : $"cannot run: {e.Error}", "—");
        Shared(sb, "Decode-only ceiling, `ffmpeg -i road.mp4 -f null -` (best of 2)", engines.Count, string.Create(C, $"{nullDecodeFps:F0} frames/s (same clip for every engine)"), "—");
        Shared(sb, "Decode through `FfmpegCamera` (file → raw-frame pipe → frames)", engines.Count, string.Create(C, $"{cameraDecode.FramesPerSecond:F0} frames/s ({cameraDecode.FramesRead} read, {cameraDecode.FramesDropped} dropped)"), "—");

        Offline(sb, "Offline end to end, every frame detected (the unit's two stages, queues that wait)", engines, o => string.Create(C, $"{o.FramesPerSecond:F1} frames/s"), "≥ 40 frames/s");
        Offline(sb, "Offline as a fraction of the decode-only ceiling (of the `FfmpegCamera` rate)", engines, o => string.Create(C, $"{o.FramesPerSecond / nullDecodeFps:P1} ({o.FramesPerSecond / cameraDecode.FramesPerSecond:P1})"), "—");
        Offline(sb, "Offline frames covered", engines, o => string.Create(C, $"{o.Frames}/{o.ClipFrames} in {o.Wall.TotalSeconds:F1} s{(o.StoppedAtLimit ? " (time cap)" : string.Empty)}"), "—");
        Offline(sb, "Offline frame latency, decoded → read stage done (queues included)", engines, o => Triple(o.FrameLatencyMs), "—");
        Offline(sb, "Frame step alone, one thread (detect + read + track; the clip's first 125 frames, at most 30 s)", engines, o => string.Create(C, $"p50 {o.StepMs.At(50):F1} ms, p95 {o.StepMs.At(95):F1} ms, max {o.StepMs.Max:F0} ms ({o.StepMs.Count} frames)"), "—");
        Offline(sb, "Offline candidates / successful reads / candidates left unread on a settled track, per frame", engines, o => string.Create(C, $"{o.Detections / (double)Math.Max(1, o.Frames):F2} / {o.Reads / (double)Math.Max(1, o.Frames):F2} / {o.SettledSkips / (double)Math.Max(1, o.Frames):F2}{(o.SecondOpinions is { } asked ? $"; Tesseract asked {asked}×" : string.Empty)}"), "—");
        Offline(sb, "Offline CPU (this process + decoder)", engines, o => string.Create(C, $"{CpuTimes.Share(o.Cpu.Self + o.Cpu.ReapedChildren, o.Wall):P0} of {Environment.ProcessorCount} cores"), "—");
        Offline(sb, "Offline plates read exactly", engines, o => Score(o.Score), "≥ 98 %");

        Live(sb, "Live: stream in (frames read by the camera)", engines, l => string.Create(C, $"{l.FramesRead} frames, {l.FramesRead / l.StreamWall.TotalSeconds:F1} frames/s over {l.StreamWall.TotalSeconds:F1} s"), "25 frames/s");
        Live(sb, "Live frames handled by the two stages (processed + deliberately skipped)", engines, l => string.Create(C, $"{l.HandledPerSecond:F1} frames/s = {l.ProcessedPerSecond:F1} processed + {l.Dropped / l.StreamWall.TotalSeconds:F1} skipped ({(double)l.Dropped / Math.Max(1, l.FramesRead):P0} skipped: {l.CameraDropped} by the camera queue, {l.DetectedDropped} between the stages; {l.FramesRead - l.Processed - l.Dropped} in flight at the stop); detected {(l.Processed + l.DetectedDropped) / l.StreamWall.TotalSeconds:F1} frames/s"), "detection on every frame");
        Live(sb, "Live frame latency, capture → read stage done (processed frames)", engines, l => Triple(l.FrameLatencyMs), "p95 < 100 ms");
        Live(sb, "Live lag trend: p50 latency, first → last quarter", engines, l => string.Create(C, $"{l.FirstQuarterP50Ms:F0} ms → {l.LastQuarterP50Ms:F0} ms"), "no growing lag");
        Live(sb, "Live frame-to-read latency: capture of the frame that completed a vehicle → read emitted", engines, l => string.Create(C, $"{Triple(l.ReadEmitLatencyMs)} ({l.ReadEmitLatencyMs.Count} reads while running)"), "p95 < 100 ms");
        Live(sb, "Live: vehicle's last sighting → read emitted (includes the tracker's missed-frame wait)", engines, l => string.Create(C, $"p50 {Ms(l.LastSeenToReadMs.At(50))}, p95 {Ms(l.LastSeenToReadMs.At(95))}"), "—");
        Live(sb, "Live CPU, this process + FFmpeg decoder (process alone)", engines, l => string.Create(C, $"{CpuTimes.Share(l.Cpu.Self + l.Cpu.ReapedChildren, l.CpuWall):P0} ({CpuTimes.Share(l.Cpu.Self, l.CpuWall):P0}) of {Environment.ProcessorCount} cores"), "≤ 70 %");
        Live(sb, "Live peak RSS (VmHWM), this process; decoder", engines, l => string.Create(C, $"{l.PeakRssBytes / MiB:F0} MiB{(l.PeakRssReset ? string.Empty : " (not reset: whole run)")}; {l.DecoderPeakRssBytes / MiB:F0} MiB"), "< 300 MB");
        Live(sb, "Live plates read exactly", engines, l => Score(l.Score), "≥ 98 %");

        var haar = engines.FirstOrDefault(e => e.Name == BenchEngineNames.Of(BenchEngineKind.Haar) && e.Offline is not null && e.Live is not null);
        if (haar is not null)
        {
            // Live, an engine faster than the stream processes what the stream brings (25 frames/s), so the second
            // ratio cannot pass 25 ÷ the baseline's rate; the third is live throughput per CPU-second spent on it.
            Row(sb, "Throughput ÷ Haar baseline's: offline frames/s; live frames processed/s; live frames processed per CPU-second (process + decoder)", engines, e => e.Offline is null || e.Live is null
                ? "—"
                : $"{Ratio(e.Offline.FramesPerSecond, haar.Offline!.FramesPerSecond)}; {Ratio(e.Live.ProcessedPerSecond, haar.Live!.ProcessedPerSecond)}; {Ratio(PerCpuSecond(e.Live), PerCpuSecond(haar.Live!))}", "≥ 3× (onnx)");
        }

        return sb.ToString();
    }

    private static void Shared(StringBuilder sb, string measure, int columns, string value, string target)
    {
        sb.Append("| ").Append(measure).Append(" | ").Append(value);
        for (var i = 1; i < columns; i++)
        {
            sb.Append(" | 〃");
        }

        sb.Append(" | ").Append(target).AppendLine(" |");
    }

    private static void Offline(StringBuilder sb, string measure, IReadOnlyList<EngineResult> engines, Func<OfflineRun, string> cell, string target) =>
        Row(sb, measure, engines, e => e.Offline is null ? "—" : cell(e.Offline), target);

    private static void Live(StringBuilder sb, string measure, IReadOnlyList<EngineResult> engines, Func<LiveRun, string> cell, string target) =>
        Row(sb, measure, engines, e => e.Live switch
        {
            null => "—",
            { FramesRead: 0 } l => $"no frame received (RTSP session: {l.End})",
            { } l => cell(l),
        }, target);

    private static void Row(StringBuilder sb, string measure, IReadOnlyList<EngineResult> engines, Func<EngineResult, string> cell, string target) =>
        sb.Append("| ").Append(measure).Append(" | ").AppendJoin(" | ", engines.Select(cell)).Append(" | ").Append(target).AppendLine(" |");

    /// <summary>Live frames processed per second of CPU time (this process and its decoder) over the same run.</summary>
    private static double PerCpuSecond(LiveRun live) =>
        live.ProcessedPerSecond / ((live.Cpu.Self + live.Cpu.ReapedChildren).TotalSeconds / live.CpuWall.TotalSeconds);

    private static string Ratio(double value, double baseline) =>
        double.IsFinite(value / baseline) ? string.Create(C, $"{value / baseline:F2}×") : "—";

    private static string Triple(Percentiles p) => $"p50 {Ms(p.At(50))}, p95 {Ms(p.At(95))}, p99 {Ms(p.At(99))}";

    private static string Ms(double value) => double.IsNaN(value) ? "—" : string.Create(C, $"{value:F0} ms");

    private static string Score(PlateScore s)
    {
        var text = s.Vehicles == 0
            ? string.Create(C, $"no vehicle left the picture in the frames covered; {s.Emitted} reads, {s.WrongOrExtra} wrong or extra")
            : string.Create(C, $"{s.ReadExactly}/{s.Vehicles} = {s.Share:P0}; {s.Emitted} reads, {s.WrongOrExtra} wrong or extra");
        if (s.Missed.Count > 0)
        {
            text += $"; missed {string.Join(' ', s.Missed)}";
        }

        if (s.Wrong.Count > 0)
        {
            text += $"; wrong {string.Join(' ', s.Wrong)}";
        }

        return text;
    }
}
