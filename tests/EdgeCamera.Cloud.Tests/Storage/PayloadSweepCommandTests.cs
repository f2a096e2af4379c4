using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Tests.Storage;

public sealed class PayloadSweepCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgecam-payload-sweep-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Old_files_no_row_names_are_listed_and_deleted_while_stored_packages_and_young_files_stay()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();
        using var store = new PostgresEvidenceStore(connection, new PayloadFiles(_directory));
        var stored = EvidenceStoreContract.Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(stored));
        var storedFile = Path.Combine(_directory, PayloadFiles.NameFor(stored.Id, stored.ManifestSha256));
        var lost = EvidenceStoreContract.Record("cam-a", 2, T0); // its file was written, its row never committed
        var orphan = Path.Combine(_directory, PayloadFiles.NameFor(lost.Id, lost.ManifestSha256));
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllBytesAsync(orphan, lost.Payload);
        var halfWritten = orphan + ".5f0c.tmp";
        await File.WriteAllBytesAsync(halfWritten, [1, 2, 3]);
        var young = EvidenceStoreContract.Record("cam-a", 3, T0); // a write whose row may be about to commit
        var youngFile = Path.Combine(_directory, PayloadFiles.NameFor(young.Id, young.ManifestSha256));
        Directory.CreateDirectory(Path.GetDirectoryName(youngFile)!);
        await File.WriteAllBytesAsync(youngFile, young.Payload);
        var now = DateTime.UtcNow;
        foreach (var old in new[] { storedFile, orphan, halfWritten })
        {
            File.SetLastWriteTimeUtc(old, now - TimeSpan.FromHours(2));
        }

        string[] args = ["--orphans", "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connection}", $"--Storage:PayloadDirectory={_directory}"];
        using var listing = new StringWriter();
        Assert.Equal(0, PayloadSweepCommand.Run(args, listing));
        Assert.Contains("2 orphan file(s)", listing.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(orphan)); // listed, not deleted without --delete

        using var deleting = new StringWriter();
        Assert.Equal(0, PayloadSweepCommand.Run([.. args, "--delete"], deleting));

        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(halfWritten));
        Assert.True(File.Exists(storedFile));
        Assert.True(File.Exists(youngFile));
        Assert.Equal(stored.Payload, store.Find(stored.Id)!.Payload);
    }

    [Theory]
    [InlineData("--delete")]
    [InlineData("--orphans", "--min-age", "soon")]
    public void Bad_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        using var output = new StringWriter();

        Assert.Equal(2, PayloadSweepCommand.Run(args, output));
        Assert.Contains("usage: edgecam-cloud payloads", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_without_payload_files_is_told_so_and_exits_2()
    {
        using var output = new StringWriter();

        Assert.Equal(2, PayloadSweepCommand.Run(["--orphans", $"--Storage:DatabasePath={Path.Combine(_directory, "e.db")}"], output));
        Assert.Contains("keeps no payload files", output.ToString(), StringComparison.Ordinal);
    }
}
