namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// Who did what on the diagnostics page: every sign-in, failure, lockout, sign-out and action. Written to the log
/// (Serilog, so it reaches the rolling file) and kept in a bounded list the page shows.
/// </summary>
public sealed partial class AuditLog(TimeProvider time, ILogger<AuditLog> log)
{
    /// <summary>Enough for a technician's visit; older entries remain in the log files.</summary>
    public const int Capacity = 100;

    private readonly Queue<Entry> _entries = new(Capacity);
    private readonly Lock _gate = new();

    public sealed record Entry(DateTimeOffset AtUtc, string Action, string Outcome, string Client);

    public void Record(string action, string outcome, string client)
    {
        var entry = new Entry(time.GetUtcNow(), action, outcome, client);
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }

        LogAudit(log, action, outcome, client);
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Entry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Reverse()];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Action} {Outcome} from {Client}")]
    private static partial void LogAudit(ILogger log, string action, string outcome, string client);
}
