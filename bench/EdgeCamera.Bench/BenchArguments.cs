using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeCamera.Bench;

/// <summary>Command line: <c>[--seconds N]</c>, the live run's length (default: one clip length).</summary>
internal sealed record BenchArguments(TimeSpan? LiveDuration)
{
    /// <summary>Longest live run allowed: ten minutes of stream.</summary>
    private const int MaxSeconds = 600;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchArguments? parsed, out string error)
    {
        parsed = null;
        error = string.Empty;
        TimeSpan? live = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length
                && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 1 and <= MaxSeconds)
            {
                live = TimeSpan.FromSeconds(seconds);
                i++;
            }
            else
            {
                error = $"usage: EdgeCamera.Bench [--seconds N]   (N: live run length, 1–{MaxSeconds} s; default one clip length). Not understood: {args[i]}";
                return false;
            }
        }

        parsed = new BenchArguments(live);
        return true;
    }
}
