using System.Globalization;

namespace EdgeCamera.Bench.Measure;

/// <summary>
/// CPU time of this process and of its children that have exited and been waited for (the FFmpeg decoder once its
/// session ends), from /proc/self/stat fields 14–17 (utime, stime, cutime, cstime; proc(5)).
/// </summary>
internal readonly record struct CpuTimes(TimeSpan Self, TimeSpan ReapedChildren)
{
    /// <summary>USER_HZ: the unit of /proc/…/stat times; 100 on Linux for x86-64 and arm64 (proc(5), sysconf(_SC_CLK_TCK)).</summary>
    private const double TicksPerSecond = 100;

    public static CpuTimes Now()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: field 3 onwards.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int field) => double.Parse(fields[field - 3], CultureInfo.InvariantCulture);
        return new CpuTimes(
            TimeSpan.FromSeconds((Ticks(14) + Ticks(15)) / TicksPerSecond),
            TimeSpan.FromSeconds((Ticks(16) + Ticks(17)) / TicksPerSecond));
    }

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Self - b.Self, a.ReapedChildren - b.ReapedChildren);

    /// <summary>Share of all the machine's cores used over <paramref name="wall"/>.</summary>
    public static double Share(TimeSpan cpu, TimeSpan wall) => cpu / wall / Environment.ProcessorCount;
}
