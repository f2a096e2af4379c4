using System.Globalization;
using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// <c>edgecam-cloud replay --event ID | --all-dead | --list [--Storage:Provider=… --Storage:ConnectionString=…]</c>:
/// lists dead letters or puts them back in the outbox (pending, attempts from zero); a running node forwards them
/// within its poll interval. Reads the receiver's own settings (cloud.settings.json, environment, then the overrides).
/// With PostgreSQL it runs beside live nodes; a LiteDB file is locked by its node, so stop that node first.
/// </summary>
public static class ReplayCommand
{
    public const string Name = "replay";
    private const int Batch = 1000;

    /// <summary>Exit code 0 when done, 1 when the event was not a dead letter, 2 on bad arguments.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--event");
        var mode = args.FirstOrDefault(a => a is "--event" or "--all-dead" or "--list");
        if (mode is null || (at >= 0 && (at + 1 >= args.Length || !Guid.TryParse(args[at + 1], out _))))
        {
            output.WriteLine("usage: edgecam-cloud replay --event ID | --all-dead | --list   [--Storage:Provider=… --Storage:ConnectionString=…]");
            return 2;
        }

        using var store = StorageRegistration.Open(StorageCommandLine.Options(args));
        switch (mode)
        {
            case "--list":
                foreach (var d in store.DeadLetters(Batch))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Id}  {d.DeviceId}  seq {d.Sequence}  attempts {d.ForwardAttempts}  since {d.DeadLetteredAtUtc:u}  {d.DeadLetterReason}"));
                }

                return 0;
            case "--event":
                var id = Guid.Parse(args[at + 1], CultureInfo.InvariantCulture);
                var done = store.Replay(id);
                output.WriteLine(done ? $"replayed {id}" : $"{id} is not a dead letter");
                return done ? 0 : 1;
            default:
                var count = 0;
                IReadOnlyList<StoredEvidence> batch;
                while ((batch = store.DeadLetters(Batch)).Count > 0)
                {
                    count += batch.Count(d => store.Replay(d.Id));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {count} dead letter(s)"));
                return 0;
        }
    }
}
