using System.Globalization;

namespace EdgeCamera.Bench.Report;

/// <summary>What the figures were measured on: CPU model, cores, and the 1-minute load average (other users share the cores).</summary>
internal static class MachineInfo
{
    public static string CpuModel()
    {
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return "unknown";
    }

    public static double LoadAverage1Min() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
