using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Tests.Storage;

public sealed class LiteDbEvidenceStoreTests : EvidenceStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-litedb-").FullName;
    private readonly List<LiteDbEvidenceStore> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_dir, recursive: true);
    }

    protected override Task<IEvidenceStore> NewStoreAsync()
    {
        var store = new LiteDbEvidenceStore(Path.Combine(_dir, $"evidence-{_stores.Count}.db"));
        _stores.Add(store);
        return Task.FromResult<IEvidenceStore>(store);
    }
}
