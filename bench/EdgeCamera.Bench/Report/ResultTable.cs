using System.Globalization;
using System.Text;
using EdgeCamera.Bench.Decode;
using EdgeCamera.Bench.Measure;
using EdgeCamera.Bench.Pipeline;

namespace EdgeCamera.Bench.Report;

/// <summary>The one table the bench prints (Markdown, so it can be pasted into bench/README.md as it is).</summary>
internal static class ResultTable
{
    private const double MiB = 1024.0 * 1024.0;

    public static string Render(double nullDecodeFps, CameraDecodeResult cameraDecode, OfflineRun offline, LiveRun live)
    {
        var c = CultureInfo.InvariantCulture;
        var liveCpuTotal = CpuTimes.Share(live.Cpu.Self + live.Cpu.ReapedChildren, live.CpuWall);
        var liveCpuSelf = CpuTimes.Share(live.Cpu.Self, live.CpuWall);
        var offlineCpu = CpuTimes.Share(offline.Cpu.Self + offline.Cpu.ReapedChildren, offline.Wall);
        var left = live.FramesRead - live.Processed - live.Dropped;
        var sb = new StringBuilder();
        sb.AppendLine("| measure | value | issue 4 target |");
        sb.AppendLine("|---|---|---|");
        Row(sb, "Decode-only ceiling, `ffmpeg -i road.mp4 -f null -` (best of 2)", string.Create(c, $"{nullDecodeFps:F0} frames/s"), "—");
        Row(sb, "Decode through `FfmpegCamera` (file → BGR24 pipe → frames)", string.Create(c, $"{cameraDecode.FramesPerSecond:F0} frames/s ({cameraDecode.FramesRead} read, {cameraDecode.FramesDropped} dropped by its queue)"), "—");
        Row(sb, "Offline pipeline, every frame detected, end to end", string.Create(c, $"{offline.FramesPerSecond:F1} frames/s = {offline.FramesPerSecond / nullDecodeFps:P1} of the null-decode ceiling, {offline.FramesPerSecond / cameraDecode.FramesPerSecond:P1} of the camera-decode rate ({offline.Frames} frames in {offline.Wall.TotalSeconds:F1} s)"), "≥ 40 frames/s");
        Row(sb, "Offline frame step (detect + read + track), per frame", string.Create(c, $"p50 {offline.ProcessingMs.At(50):F0} ms, p95 {offline.ProcessingMs.At(95):F0} ms, max {offline.ProcessingMs.Max:F0} ms; {offline.Detections / (double)offline.Frames:F1} candidates and {offline.Reads / (double)offline.Frames:F2} Tesseract reads per frame"), "—");
        Row(sb, "Offline CPU (this process + decoder)", string.Create(c, $"{offlineCpu:P0} of {Environment.ProcessorCount} cores"), "—");
        Row(sb, "Offline plates read exactly", Score(offline.Score), "≥ 98 %");
        Row(sb, "Live: stream in (frames read by the camera)", string.Create(c, $"{live.FramesRead} frames, {live.FramesRead / live.StreamWall.TotalSeconds:F1} frames/s over {live.StreamWall.TotalSeconds:F1} s"), "25 frames/s");
        Row(sb, "Live: frames handled (processed + deliberately dropped)", string.Create(c, $"{live.HandledPerSecond:F1} frames/s = {live.ProcessedPerSecond:F1} processed + {live.Dropped / live.StreamWall.TotalSeconds:F1} dropped ({live.Processed} processed, {live.Dropped} dropped = {(double)live.Dropped / Math.Max(1, live.FramesRead):P0}, {left} left in the queue at the end)"), "detection on every frame");
        Row(sb, "Live frame latency (capture stamp → frame step done), processed frames", string.Create(c, $"p50 {live.FrameLatencyMs.At(50):F0} ms, p95 {live.FrameLatencyMs.At(95):F0} ms, p99 {live.FrameLatencyMs.At(99):F0} ms, max {live.FrameLatencyMs.Max:F0} ms"), "p95 < 100 ms");
        Row(sb, "Live lag trend: p50 latency, first vs last quarter of the run", string.Create(c, $"{live.FirstQuarterP50Ms:F0} ms → {live.LastQuarterP50Ms:F0} ms"), "no growing lag");
        Row(sb, "Live read latency: capture of the frame that completed a vehicle → its read emitted", string.Create(c, $"p50 {Ms(live.ReadEmitLatencyMs.At(50))}, p95 {Ms(live.ReadEmitLatencyMs.At(95))}, p99 {Ms(live.ReadEmitLatencyMs.At(99))} ({live.ReadEmitLatencyMs.Count} reads emitted while running; the rest at the final flush)"), "p95 < 100 ms");
        Row(sb, "Live: vehicle's last sighting → read emitted (includes the tracker's 12 missed frames)", string.Create(c, $"p50 {Ms(live.LastSeenToReadMs.At(50))}, p95 {Ms(live.LastSeenToReadMs.At(95))}"), "—");
        Row(sb, "Live CPU, this process + FFmpeg decoder", string.Create(c, $"{liveCpuTotal:P0} of {Environment.ProcessorCount} cores (process alone {liveCpuSelf:P0}) over {live.CpuWall.TotalSeconds:F1} s"), "≤ 70 %");
        Row(sb, "Live peak RSS (VmHWM)", string.Create(c, $"{live.PeakRssBytes / MiB:F0} MiB this process{(live.PeakRssReset ? " (peak reset before the live run)" : " (whole run: clear_refs refused)")}; decoder {live.DecoderPeakRssBytes / MiB:F0} MiB"), "< 300 MB");
        Row(sb, "Live plates read exactly", Score(live.Score), "≥ 98 %");
        return sb.ToString();
    }

    private static string Ms(double value) => double.IsNaN(value) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{value:F0} ms");

    private static string Score(PlateScore s)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{s.ReadExactly}/{s.Vehicles} = {s.Share:P0}; {s.Emitted} reads emitted, {s.WrongOrExtra} wrong or extra");
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

    private static void Row(StringBuilder sb, string measure, string value, string target) =>
        sb.Append("| ").Append(measure).Append(" | ").Append(value).Append(" | ").Append(target).AppendLine(" |");
}
