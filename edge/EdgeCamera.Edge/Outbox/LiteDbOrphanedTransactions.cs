using System.Collections;
using System.Reflection;
using LiteDB;

namespace EdgeCamera.Edge.Outbox;

/// <summary>
/// Keeps LiteDB 5's transaction finalizer from killing the process after a failed write (issue 6).
/// <para>
/// When the disk refuses a commit, LiteDB has already handed the transaction's pages to its log writer's cache
/// (<c>DiskService.WriteLogDisk</c> marks each page readable before writing it). From then on the transaction cannot end:
/// <c>Rollback</c> and <c>Dispose</c> both stop at LiteDB's "discarded page must be writable" check, the transaction stays
/// active, and its finalizer (<c>~TransactionService</c>) runs the same check later on the finalizer thread, where the
/// exception ends the process. LiteDB offers no public way to that transaction, so this reaches it by reflection
/// (LiteDatabase._engine → LiteEngine._monitor → TransactionMonitor._transactions, as in LiteDB 5.0.21) to take its
/// finalizer off the queue once the engine that owns it is thrown away. The outbox tests fail if LiteDB renames those.
/// </para>
/// </summary>
internal static class LiteDbOrphanedTransactions
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>The transactions the database's engine holds open now (any thread), to hand to
    /// <see cref="SuppressFinalizers"/> once the database is disposed. Null when this LiteDB's internals are not the
    /// ones this class knows (then nothing can be done about the finalizer).</summary>
    public static IReadOnlyList<object>? Capture(LiteDatabase db)
    {
        var engine = Field(db, "_engine");
        if (engine?.GetType().Name == "SharedEngine")
        {
            // Shared mode opens its LiteEngine per call and closes it after: none open, no transaction left.
            engine = Field(engine, "_engine");
            if (engine is null)
            {
                return [];
            }
        }

        if (engine is null || Field(engine, "_monitor") is not { } monitor || Field(monitor, "_transactions") is not IDictionary transactions)
        {
            return null;
        }

        lock (transactions)
        {
            return transactions.Values.Cast<object>().ToList();
        }
    }

    /// <summary>Takes the finalizers of <paramref name="orphans"/> off the queue. Call only after the database that held
    /// them is disposed: what they hold is gone with it, and their finalizer would only fail LiteDB's check.</summary>
    public static void SuppressFinalizers(IEnumerable<object> orphans)
    {
        foreach (var transaction in orphans)
        {
            GC.SuppressFinalize(transaction);
        }
    }

    private static object? Field(object owner, string name) =>
        owner.GetType().GetField(name, Instance)?.GetValue(owner);
}
