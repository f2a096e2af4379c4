using System.Globalization;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>The machine under the software: disk, CPU load, temperature and clock source (Linux /proc and /sys).</summary>
public static class UnitHealth
{
    public sealed record Reading(
        long? DiskFreeBytes,
        long? DiskTotalBytes,
        string LoadAverage,
        int Cores,
        double? TemperatureC,
        string ClockSource);

    /// <summary>Reads everything; a part that cannot be read is null or "n/a" rather than an error.</summary>
    public static Reading Read(string dataPath)
    {
        long? free = null;
        long? total = null;
        try
        {
            var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(dataPath))!);
            var dir = Path.GetDirectoryName(Path.GetFullPath(dataPath));
            // DriveInfo on Linux takes a mount point; statvfs of the data folder's mount is what matters.
            if (dir is not null && Directory.Exists(dir))
            {
                drive = new DriveInfo(dir);
            }

            free = drive.AvailableFreeSpace;
            total = drive.TotalSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // n/a
        }

        return new Reading(free, total, LoadAverage(), Environment.ProcessorCount, TemperatureC(), ClockSource());
    }

    private static string LoadAverage()
    {
        var text = TryReadFirstLine("/proc/loadavg");
        return text is null ? "n/a" : string.Join(' ', text.Split(' ').Take(3));
    }

    /// <summary>The hottest thermal zone, in °C; null where the kernel exposes none (most VMs).</summary>
    private static double? TemperatureC()
    {
        const string root = "/sys/class/thermal";
        if (!Directory.Exists(root))
        {
            return null;
        }

        double? hottest = null;
        foreach (var zone in Directory.EnumerateDirectories(root, "thermal_zone*").Take(32))
        {
            if (TryReadFirstLine(Path.Combine(zone, "temp")) is { } milli
                && long.TryParse(milli, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
            {
                var c = m / 1000.0; // The kernel reports millidegrees Celsius.
                hottest = hottest is null ? c : Math.Max(hottest.Value, c);
            }
        }

        return hottest;
    }

    /// <summary>What keeps the wall clock right: systemd-timesyncd or chrony when their state says synchronised.</summary>
    private static string ClockSource()
    {
        if (File.Exists("/run/systemd/timesync/synchronized"))
        {
            return "NTP (systemd-timesyncd), synchronised";
        }

        if (Directory.Exists("/run/chrony"))
        {
            return "NTP (chrony) running";
        }

        return "system clock, not known to be synchronised";
    }

    private static string? TryReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
