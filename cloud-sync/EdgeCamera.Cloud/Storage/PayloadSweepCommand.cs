using System.Globalization;
using Npgsql;

namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// <c>edgecam-cloud payloads --orphans [--delete] [--min-age 01:00:00] [--Storage:…]</c>: lists (and with
/// <c>--delete</c> removes) files in <c>Storage:PayloadDirectory</c> that no row names — what a crash between a file's
/// fsync and its row's commit, or a failed group commit, leaves behind — and temporary files a crash left mid-write.
/// Only files older than <c>--min-age</c> (default one hour) count: a younger one may be a write whose row is about to
/// commit. A stored package's file is never touched. Runs beside live nodes (PostgreSQL).
/// </summary>
public static class PayloadSweepCommand
{
    public const string Name = "payloads";
    private const int Batch = 1000;
    private static readonly TimeSpan DefaultMinAge = TimeSpan.FromHours(1);

    /// <summary>Exit code 0 when done, 2 on bad arguments or a store without payload files.</summary>
    public static int Run(string[] args, TextWriter output, TimeProvider? time = null)
    {
        var at = Array.IndexOf(args, "--min-age");
        var minAge = DefaultMinAge;
        if (!args.Contains("--orphans")
            || (at >= 0 && (at + 1 >= args.Length || !TimeSpan.TryParse(args[at + 1], CultureInfo.InvariantCulture, out minAge) || minAge < TimeSpan.Zero)))
        {
            output.WriteLine("usage: edgecam-cloud payloads --orphans [--delete] [--min-age 01:00:00]   [--Storage:Provider=PostgreSql --Storage:ConnectionString=… --Storage:PayloadDirectory=…]");
            return 2;
        }

        var o = StorageCommandLine.Options(args);
        if (o.Provider != StorageProvider.PostgreSql || string.IsNullOrWhiteSpace(o.PayloadDirectory))
        {
            output.WriteLine("payloads: the store keeps no payload files (needs Storage:Provider PostgreSql and Storage:PayloadDirectory)");
            return 2;
        }

        var files = new PayloadFiles(o.PayloadDirectory);
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var old = files.List().Where(f => now - f.WrittenUtc >= minAge).ToList();
        using var source = NpgsqlDataSource.Create(o.ConnectionString!);
        var named = NamedByRows(source, old.Where(f => !f.Temporary).Select(f => f.Name));
        var orphans = old.Where(f => f.Temporary || !named.Contains(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var delete = args.Contains("--delete");
        foreach (var f in orphans)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Name}  {f.LengthBytes} bytes  written {f.WrittenUtc:u}{(f.Temporary ? "  (temporary)" : string.Empty)}"));
            if (delete)
            {
                files.Delete(f.Name);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{orphans.Count} orphan file(s), {orphans.Sum(f => f.LengthBytes)} bytes, older than {minAge:c}{(delete ? ": deleted" : " (--delete removes them)")}; {old.Count - orphans.Count} stored package file(s) kept"));
        return 0;
    }

    /// <summary>Of these file names, the ones their event's row names (looked up by event id, the primary key).</summary>
    private static HashSet<string> NamedByRows(NpgsqlDataSource source, IEnumerable<string> names)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(Batch))
        {
            var ids = chunk.Select(n => PayloadFiles.TryEventOf(n, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToArray();
            using var cmd = source.CreateCommand("SELECT payload_file FROM evidence WHERE event_id = ANY(@ids) AND payload_file IS NOT NULL");
            cmd.Parameters.AddWithValue("ids", ids);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                named.Add(reader.GetString(0));
            }
        }

        return named;
    }
}
