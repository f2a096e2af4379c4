using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Tests.Storage;

public sealed class PostgresEvidenceStoreTests(PostgresFixture postgres) : EvidenceStoreContract, IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private readonly List<PostgresEvidenceStore> _stores = [];

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    [Fact]
    public async Task Two_nodes_starting_at_once_on_one_database_both_find_the_schema_ready()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Keep(new PostgresEvidenceStore(connection)))));

        Assert.True(nodes[0].TryAdd(EvidenceStoreContract.Record("cam-a", 1, T0)));
        Assert.All(nodes, n => Assert.Equal(1, n.Count()));
    }

    [Fact]
    public async Task Two_nodes_claiming_at_the_same_time_never_get_the_same_record()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();
        var a = Keep(new PostgresEvidenceStore(connection));
        var b = Keep(new PostgresEvidenceStore(connection));
        const int Records = 200;
        for (var i = 1; i <= Records; i++)
        {
            a.TryAdd(EvidenceStoreContract.Record("cam-a", i, T0.AddMilliseconds(i)));
        }

        var claims = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(k => Task.Run(() => (k % 2 == 0 ? a : b).ClaimForForward($"node-{k % 2}", 16, T0.AddMinutes(1), TimeSpan.FromMinutes(5)))));

        var ids = claims.SelectMany(c => c).Select(e => e.Id).ToList();
        Assert.Equal(Records, ids.Count);
        Assert.Equal(Records, ids.Distinct().Count());
    }

    protected override async Task<IEvidenceStore> NewStoreAsync() => Keep(new PostgresEvidenceStore(await postgres.Server.CreateDatabaseAsync()));

    private PostgresEvidenceStore Keep(PostgresEvidenceStore store)
    {
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
