using System.Globalization;

namespace EdgeCamera.CloudBench;

/// <summary>CPU time used so far by the parts of one run, read from /proc (Linux): this process (devices, receiver
/// nodes, national stand-in), the Mosquitto it started and the PostgreSQL it started (the postmaster, its live
/// backends and the backends it has reaped), and the receiver nodes that run as processes of their own.</summary>
public sealed record ProcessCpu(TimeSpan Bench, TimeSpan Mosquitto, TimeSpan Postgres, TimeSpan Receivers)
{
    // proc(5): utime, stime, cutime, cstime are fields 14–17, in clock ticks; USER_HZ is 100 on Linux.
    private const double TicksPerSecond = 100;

    public static ProcessCpu Now(IReadOnlyCollection<int> receiverIds)
    {
        var self = Environment.ProcessId;
        var stats = ReadAll();
        TimeSpan Sum(IEnumerable<Stat> s) => TimeSpan.FromSeconds(s.Sum(x => x.Ticks) / TicksPerSecond);
        var postmasters = stats.Where(s => s.Comm.StartsWith("postgres", StringComparison.Ordinal) && s.ParentId == self).Select(s => s.Id).ToHashSet();
        var postgres = stats.Where(s => postmasters.Contains(s.Id) || postmasters.Contains(s.ParentId));
        var mosquitto = stats.Where(s => s.Comm == "mosquitto" && s.ParentId == self);
        return new ProcessCpu(Sum(stats.Where(s => s.Id == self)), Sum(mosquitto), Sum(postgres), Sum(stats.Where(s => receiverIds.Contains(s.Id))));
    }

    public ProcessCpu Since(ProcessCpu start) =>
        new(Bench - start.Bench, Mosquitto - start.Mosquitto, Postgres - start.Postgres, Receivers - start.Receivers);

    private sealed record Stat(int Id, string Comm, int ParentId, long Ticks);

    private static List<Stat> ReadAll()
    {
        var found = new List<Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended between listing and reading
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }

            var rest = text[(close + 2)..].Split(' ');
            long Field(int n) => long.Parse(rest[n - 3], CultureInfo.InvariantCulture); // rest[0] is field 3 (state)
            found.Add(new Stat(id, text[(open + 1)..close], (int)Field(4), Field(14) + Field(15) + Field(16) + Field(17)));
        }

        return found;
    }
}
