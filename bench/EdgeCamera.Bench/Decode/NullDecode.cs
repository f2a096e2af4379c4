using System.Diagnostics;

namespace EdgeCamera.Bench.Decode;

/// <summary>The decode-only ceiling: <c>ffmpeg -i road.mp4 -f null -</c>, no pixel conversion, no pipe (best of a few runs).</summary>
internal static class NullDecode
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<double> FramesPerSecondAsync(string ffmpeg, string clip, int frames, int runs)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var psi = new ProcessStartInfo(ffmpeg) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-i", clip, "-an", "-f", "null", "-"])
            {
                psi.ArgumentList.Add(a);
            }

            var sw = Stopwatch.StartNew();
            using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {ffmpeg}");
            using var cts = new CancellationTokenSource(Limit);
            var errors = await process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            sw.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg -f null failed: {errors}");
            }

            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return frames / best.TotalSeconds;
    }
}
