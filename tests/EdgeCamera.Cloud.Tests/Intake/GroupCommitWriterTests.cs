using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Cloud.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Tests.Intake;

public sealed class GroupCommitWriterTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 26, 6, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10); // a hang guard, not a timing threshold
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-groupcommit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task No_package_is_reported_stored_before_the_transaction_holding_it_has_committed()
    {
        using var store = NewStore();
        await using var writer = Writer(store);
        var records = Enumerable.Range(1, 3).Select(i => EvidenceStoreContract.Record("cam-a", i, T0)).ToList();

        var adds = records.Select(r => writer.TryAddAsync(r, CancellationToken.None)).ToList();
        await store.CommitWaiting.Task.WaitAsync(Bound);

        Assert.All(adds, a => Assert.False(a.IsCompleted));
        Assert.Equal(0, store.Count());

        store.Open();
        Assert.All(await Task.WhenAll(adds).WaitAsync(Bound), Assert.True);
        Assert.All(records, r => Assert.NotNull(store.Find(r.Id)));
    }

    [Fact]
    public async Task Packages_that_arrive_while_a_transaction_commits_are_stored_together_in_the_next_one()
    {
        using var store = NewStore();
        await using var writer = Writer(store);
        var first = writer.TryAddAsync(EvidenceStoreContract.Record("cam-a", 1, T0), CancellationToken.None);
        await store.CommitWaiting.Task.WaitAsync(Bound);

        var next = Enumerable.Range(1, 5).Select(i => writer.TryAddAsync(EvidenceStoreContract.Record($"cam-{i}", 1, T0), CancellationToken.None)).ToList();
        store.Open();

        Assert.True(await first.WaitAsync(Bound));
        Assert.All(await Task.WhenAll(next).WaitAsync(Bound), Assert.True);
        Assert.Equal([1, 5], store.BatchSizes);
        Assert.Equal((2, 6), (writer.Batches, writer.Packages));
    }

    [Fact]
    public async Task A_duplicate_in_a_batch_is_reported_for_itself_and_the_other_packages_are_stored()
    {
        using var store = NewStore();
        await using var writer = Writer(store);
        var blocker = writer.TryAddAsync(EvidenceStoreContract.Record("cam-z", 1, T0), CancellationToken.None);
        await store.CommitWaiting.Task.WaitAsync(Bound);
        var (one, two) = (EvidenceStoreContract.Record("cam-a", 1, T0), EvidenceStoreContract.Record("cam-a", 2, T0));
        var copyOfOne = EvidenceStoreContract.Record("cam-a", 1, T0);
        copyOfOne.Id = one.Id;

        var adds = new[] { one, copyOfOne, two }.Select(r => writer.TryAddAsync(r, CancellationToken.None)).ToList();
        store.Open();

        Assert.True(await blocker.WaitAsync(Bound));
        var added = await Task.WhenAll(adds).WaitAsync(Bound);
        Assert.Equal([true, false, true], added);
        Assert.Equal([1, 3], store.BatchSizes);
        Assert.Equal(3, store.Count());
    }

    [Fact]
    public async Task A_batch_is_never_larger_than_its_byte_limit_except_a_single_large_package()
    {
        using var store = NewStore();
        await using var writer = Writer(store, o => o.MaxBatchBytes = 6000); // each record carries 4096 payload bytes
        var blocker = writer.TryAddAsync(EvidenceStoreContract.Record("cam-z", 1, T0), CancellationToken.None);
        await store.CommitWaiting.Task.WaitAsync(Bound);

        var adds = Enumerable.Range(1, 3).Select(i => writer.TryAddAsync(EvidenceStoreContract.Record("cam-a", i, T0), CancellationToken.None)).ToList();
        store.Open();

        Assert.True(await blocker.WaitAsync(Bound));
        Assert.All(await Task.WhenAll(adds).WaitAsync(Bound), Assert.True);
        Assert.Equal([1, 1, 1, 1], store.BatchSizes);
    }

    [Fact]
    public async Task When_a_batch_fails_each_package_is_tried_alone_and_only_the_failing_one_gets_the_error()
    {
        using var store = NewStore(failBatches: true);
        await using var writer = Writer(store);
        var blocker = writer.TryAddAsync(EvidenceStoreContract.Record("cam-z", 1, T0), CancellationToken.None);
        await store.CommitWaiting.Task.WaitAsync(Bound);
        var records = Enumerable.Range(1, 3).Select(i => EvidenceStoreContract.Record("cam-a", i, T0)).ToList();
        store.FailingEvents.Add(records[1].Id);

        var adds = records.Select(r => writer.TryAddAsync(r, CancellationToken.None)).ToList();
        store.Open();

        Assert.True(await blocker.WaitAsync(Bound));
        Assert.True(await adds[0].WaitAsync(Bound));
        await Assert.ThrowsAsync<InvalidOperationException>(() => adds[1].WaitAsync(Bound));
        Assert.True(await adds[2].WaitAsync(Bound));
        Assert.Null(store.Find(records[1].Id));
        Assert.Equal(3, store.Count());
    }

    [Fact]
    public async Task With_one_package_per_batch_each_package_is_stored_alone_from_its_caller()
    {
        using var store = NewStore();
        await using var writer = Writer(store, o => o.MaxBatchPackages = 1);

        Assert.True(await writer.TryAddAsync(EvidenceStoreContract.Record("cam-a", 1, T0), CancellationToken.None).WaitAsync(Bound));

        Assert.Empty(store.BatchSizes);
        Assert.Equal(1, store.SingleAdds);
        Assert.Equal(0, writer.Batches);
    }

    private GatedEvidenceStore NewStore(bool failBatches = false) =>
        new(new LiteDbEvidenceStore(Path.Combine(_dir, $"evidence-{Guid.NewGuid():N}.db"))) { FailBatches = failBatches };

    /// <summary>No waiting for more packages (MaxBatchWait 0), so what goes in a batch depends only on what is queued.</summary>
    private static GroupCommitWriter Writer(IEvidenceStore store, Action<ReceiverOptions>? change = null)
    {
        var options = new ReceiverOptions { Lanes = 8, MaxBatchPackages = 16, MaxBatchWait = TimeSpan.Zero };
        change?.Invoke(options);
        return new GroupCommitWriter(store, Options.Create(options), NullLogger<GroupCommitWriter>.Instance);
    }
}
