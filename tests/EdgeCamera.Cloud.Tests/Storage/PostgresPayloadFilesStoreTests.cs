using EdgeCamera.Cloud.Storage;
using Npgsql;

namespace EdgeCamera.Cloud.Tests.Storage;

/// <summary>The whole store contract again with <c>Storage:PayloadDirectory</c> set (package bytes in files, rows in
/// PostgreSQL), and what the files add: where the bytes are, what a refused duplicate leaves, what a lost file says.</summary>
public sealed class PostgresPayloadFilesStoreTests(PostgresFixture postgres) : EvidenceStoreContract, IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private readonly List<PostgresEvidenceStore> _stores = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("edgecam-payload-files-").FullName;

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task With_payload_files_the_row_keeps_no_bytes_and_the_named_file_holds_the_package()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();
        var store = Keep(new PostgresEvidenceStore(connection, new PayloadFiles(_directory)));
        var e = EvidenceStoreContract.Record("cam-a", 1, T0);

        Assert.True(store.TryAdd(e));

        var (rowBytes, file) = await RowAsync(connection, e.Id);
        Assert.Equal(0, rowBytes);
        Assert.Equal(PayloadFiles.NameFor(e.Id, e.ManifestSha256), file);
        Assert.Equal(e.Payload, await File.ReadAllBytesAsync(Path.Combine(_directory, file!)));
        Assert.Equal(e.Payload, store.Find(e.Id)!.Payload);
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_refused_duplicate_with_other_bytes_leaves_the_stored_file_as_it_was_and_no_file_of_its_own()
    {
        var store = Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync(), new PayloadFiles(_directory)));
        var e = EvidenceStoreContract.Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(e));
        var forged = EvidenceStoreContract.Record("cam-a", 2, T0);
        forged.Id = e.Id;
        var sameAgain = EvidenceStoreContract.Record("cam-a", 1, T0);
        sameAgain.Id = e.Id;
        sameAgain.Payload = e.Payload;
        sameAgain.ManifestSha256 = e.ManifestSha256;

        Assert.False(store.TryAdd(forged));
        Assert.False(await store.TryAddAsync(sameAgain, CancellationToken.None));

        Assert.Equal([PayloadFiles.NameFor(e.Id, e.ManifestSha256)], PackageFiles());
        Assert.Equal(e.Payload, store.Find(e.Id)!.Payload);
    }

    [Fact]
    public async Task A_batch_writes_one_file_per_new_record_and_none_for_its_duplicates()
    {
        var store = Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync(), new PayloadFiles(_directory)));
        var first = EvidenceStoreContract.Record("cam-a", 1, T0);
        var second = EvidenceStoreContract.Record("cam-a", 2, T0);
        var clash = EvidenceStoreContract.Record("cam-a", 2, T0); // another event under a used sequence number

        var added = await store.TryAddBatchAsync([first, second, clash], CancellationToken.None);

        Assert.Equal([true, true, false], added);
        Assert.Equal(
            new[] { PayloadFiles.NameFor(first.Id, first.ManifestSha256), PayloadFiles.NameFor(second.Id, second.ManifestSha256) }.Order(StringComparer.Ordinal),
            PackageFiles());
    }

    [Fact]
    public async Task A_payload_file_lost_from_the_directory_is_a_clear_error_that_names_it()
    {
        var store = Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync(), new PayloadFiles(_directory)));
        var e = EvidenceStoreContract.Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(e));
        var name = PayloadFiles.NameFor(e.Id, e.ManifestSha256);
        File.Delete(Path.Combine(_directory, name));

        var ex = Assert.Throws<FileNotFoundException>(() => store.Find(e.Id));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Equal(e.Id, store.FindBySequence("cam-a", 1)!.Id); // chain checks read no bytes and still work
    }

    [Fact]
    public async Task A_payload_directory_that_cannot_be_written_fails_the_add_with_the_reason_and_keeps_what_was_stored()
    {
        var root = Path.Combine(_directory, "unwritable");
        var store = Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync(), new PayloadFiles(root)));
        var stored = EvidenceStoreContract.Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(stored));
        var kept = await File.ReadAllBytesAsync(Path.Combine(root, PayloadFiles.NameFor(stored.Id, stored.ManifestSha256)));
        var moved = root + ".moved";
        Directory.Move(root, moved);
        await File.WriteAllTextAsync(root, "a file where the directory should be: every write fails, as on a full or lost volume");
        var next = EvidenceStoreContract.Record("cam-a", 2, T0);

        var ex = await Xunit.Record.ExceptionAsync(() => store.TryAddAsync(next, CancellationToken.None));

        Assert.IsAssignableFrom<IOException>(ex); // the lane logs it and the broker redelivers (ReceiverLanesTests)
        Assert.Equal(1, store.Count()); // no row without its file
        Assert.Null(store.FindBySequence("cam-a", 2));
        File.Delete(root);
        Directory.Move(moved, root);
        Assert.Equal(kept, store.Find(stored.Id)!.Payload);
        Assert.True(await store.TryAddAsync(next, CancellationToken.None)); // the redelivery, once the volume is back
    }

    [Fact]
    public async Task The_outbox_claims_records_with_their_manifest_without_reading_their_payload_files()
    {
        var store = Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync(), new PayloadFiles(_directory)));
        var e = EvidenceStoreContract.Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(e));
        File.Delete(Path.Combine(_directory, PayloadFiles.NameFor(e.Id, e.ManifestSha256))); // any read would now throw

        var claimed = Assert.Single(store.ClaimForForward("node-1", 10, T0.AddSeconds(1), TimeSpan.FromMinutes(1)));

        Assert.Equal(e.Id, claimed.Id);
        Assert.Equal(e.Manifest, claimed.Manifest);
        Assert.Empty(claimed.Payload);
    }

    [Fact]
    public async Task A_node_without_the_payload_directory_is_told_every_node_needs_it()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();
        var withFiles = Keep(new PostgresEvidenceStore(connection, new PayloadFiles(_directory)));
        var withoutFiles = Keep(new PostgresEvidenceStore(connection));
        var e = EvidenceStoreContract.Record("cam-a", 1, T0);
        Assert.True(withFiles.TryAdd(e));

        var ex = Assert.Throws<InvalidOperationException>(() => withoutFiles.Find(e.Id));

        Assert.Contains("Storage:PayloadDirectory", ex.Message, StringComparison.Ordinal);
    }

    protected override async Task<IEvidenceStore> NewStoreAsync() =>
        Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync(), new PayloadFiles(Path.Combine(_directory, Guid.NewGuid().ToString("N")))));

    private List<string> PackageFiles() =>
        [.. Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_directory, f)).Order(StringComparer.Ordinal)];

    private static async Task<(int RowBytes, string? File)> RowAsync(string connection, Guid id)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var cmd = source.CreateCommand("SELECT octet_length(payload), payload_file FROM evidence WHERE event_id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    private PostgresEvidenceStore Keep(PostgresEvidenceStore store)
    {
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
