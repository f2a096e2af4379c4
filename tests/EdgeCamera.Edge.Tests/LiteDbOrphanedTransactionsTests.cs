using EdgeCamera.Edge.Outbox;
using LiteDB;

namespace EdgeCamera.Edge.Tests;

/// <summary>The LiteDB 5 behaviour behind issue 6, on a bare database, and the reflection path the outbox relies on to
/// keep it from the finalizer thread: these fail first if a LiteDB upgrade changes either.</summary>
public sealed class LiteDbOrphanedTransactionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-orphan-").FullName;

    [Fact]
    public void A_commit_the_full_disk_refuses_leaves_a_transaction_LiteDB_cannot_end_and_capture_finds_it_for_the_finalizer_to_be_suppressed()
    {
        var disk = new Disk();
        using var data = new DiskFullStream(new FileStream(Path.Combine(_dir, "bare.db"), FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
        using var journal = new DiskFullStream(new FileStream(Path.Combine(_dir, "bare-log.db"), FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
        var db = new LiteDatabase(data, new BsonMapper(), journal);
        var docs = db.GetCollection("docs");
        docs.Insert(new BsonDocument { ["n"] = 1 });

        disk.Full = true;
        db.BeginTrans();
        docs.Insert(new BsonDocument { ["payload"] = new byte[20_000] });
        Assert.Throws<IOException>(() => db.Commit());
        Assert.ThrowsAny<Exception>(() => db.Rollback());

        var orphans = LiteDbOrphanedTransactions.Capture(db);
        Assert.NotNull(orphans);
        var orphan = Assert.IsAssignableFrom<IDisposable>(Assert.Single(orphans));
        db.Dispose(); // LiteDB collects what its close throws (its check on this transaction among it).

        // What the transaction's finalizer would run (Dispose(false) takes the same path): LiteDB's own check refuses.
        var refused = Assert.Throws<LiteException>(orphan.Dispose);
        Assert.Equal(LiteException.INVALID_DATAFILE_STATE, refused.ErrorCode);
        Assert.Contains("discarded page must be writable", refused.Message, StringComparison.Ordinal);

        LiteDbOrphanedTransactions.SuppressFinalizers(orphans);
    }

    [Fact]
    public void A_suppressed_orphan_is_collected_once_its_thread_ends_without_its_finalizer_ending_the_process()
    {
        const int Collections = 5;
        var disk = new Disk();
        using var data = new DiskFullStream(new FileStream(Path.Combine(_dir, "bare.db"), FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
        using var journal = new DiskFullStream(new FileStream(Path.Combine(_dir, "bare-log.db"), FileMode.OpenOrCreate, FileAccess.ReadWrite), disk);
        WeakReference? orphan = null;
        var writer = new Thread(() => orphan = FailACommitAndAbandon(data, journal, disk));
        writer.Start();
        writer.Join();
        Assert.NotNull(orphan);

        for (var gc = 0; gc < Collections && orphan.IsAlive; gc++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }

        // Collected: had its finalizer stayed queued, it would have run above, failed LiteDB's check and ended this host.
        Assert.False(orphan.IsAlive, $"the orphaned transaction is still reachable after {Collections} collections");
    }

    [Fact]
    public void A_database_with_no_transaction_open_has_no_orphans_to_capture()
    {
        using var db = new LiteDatabase(Path.Combine(_dir, "clean.db"));
        db.GetCollection("docs").Insert(new BsonDocument { ["n"] = 1 });

        Assert.Empty(LiteDbOrphanedTransactions.Capture(db) ?? throw new InvalidOperationException("LiteDB internals not recognised"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>What the outbox does after a refused commit, on a bare database: returns a weak reference to the
    /// transaction LiteDB could not end, its finalizer suppressed, the database disposed.</summary>
    private static WeakReference FailACommitAndAbandon(Stream data, Stream journal, Disk disk)
    {
        var db = new LiteDatabase(data, new BsonMapper(), journal);
        var docs = db.GetCollection("docs");
        docs.Insert(new BsonDocument { ["n"] = 1 });
        disk.Full = true;
        db.BeginTrans();
        docs.Insert(new BsonDocument { ["payload"] = new byte[20_000] });
        Assert.Throws<IOException>(() => db.Commit());
        var orphans = LiteDbOrphanedTransactions.Capture(db) ?? throw new InvalidOperationException("LiteDB internals not recognised");
        db.Dispose();
        LiteDbOrphanedTransactions.SuppressFinalizers(orphans);
        return new WeakReference(Assert.Single(orphans));
    }
}
