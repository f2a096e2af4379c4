using System.Globalization;

namespace EdgeCamera.Bench.Measure;

/// <summary>Peak resident memory (VmHWM in /proc/PID/status, proc(5)) of this process and of its FFmpeg children.</summary>
internal static class MemoryPeaks
{
    public static long SelfPeakBytes() => ReadKib("/proc/self/status", "VmHWM:") * 1024;

    /// <summary>Resets this process's VmHWM to its current RSS (writing 5 to clear_refs, Linux ≥ 4.0, proc(5)).</summary>
    public static bool TryResetSelfPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Samples the peak RSS of this process's children named <paramref name="comm"/> until cancelled.</summary>
    public static async Task<long> WatchChildrenPeakBytesAsync(string comm, TimeSpan interval, CancellationToken ct)
    {
        long peak = 0;
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using var timer = new PeriodicTimer(interval);
        try
        {
            // Bounded by the caller's token (a live run of at most a few minutes).
            while (await timer.WaitForNextTickAsync(ct))
            {
                foreach (var dir in Directory.EnumerateDirectories("/proc"))
                {
                    if (IsChild(dir, self, comm))
                    {
                        peak = Math.Max(peak, ReadKib(Path.Combine(dir, "status"), "VmHWM:") * 1024);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }

        return peak;
    }

    private static bool IsChild(string procDir, string parentPid, string comm)
    {
        var name = Path.GetFileName(procDir);
        if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(procDir, "stat"));
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return stat[(open + 1)..close] == comm && fields[1] == parentPid; // field 4 (ppid) is the 2nd after ')'
        }
        catch (IOException)
        {
            return false; // gone meanwhile
        }
    }

    private static long ReadKib(string statusPath, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Process gone.
        }

        return 0;
    }
}
