using System.Threading.Channels;
using EdgeCamera.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Intake;

/// <summary>
/// Group commit for the node's intake: the lanes hand their verified packages here, and one writer stores whatever
/// is waiting — up to <see cref="ReceiverOptions.MaxBatchPackages"/> packages or <see cref="ReceiverOptions.MaxBatchBytes"/>
/// payload bytes, waiting at most <see cref="ReceiverOptions.MaxBatchWait"/> for more — in ONE transaction
/// (<see cref="IEvidenceStore.TryAddBatchAsync"/>): one WAL flush for the batch instead of one per package.
/// <see cref="TryAddAsync"/> returns only after the batch holding the package has committed, so the lane acknowledges
/// nothing before it is durable. A duplicate inside a batch refuses only itself (false for it, the rest stored).
/// If a batch fails as a whole, its packages are tried once more, each alone, so one bad package cannot fail the
/// others; a package that still fails gets the exception (its lane leaves it unacknowledged, the broker redelivers).
/// <para>With <see cref="ReceiverOptions.MaxBatchPackages"/> = 1 there is no writer: each lane stores its own package
/// in its own transaction (the behaviour before group commit).</para>
/// </summary>
public sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly IEvidenceStore _store;
    private readonly ReceiverOptions _options;
    private readonly ILogger<GroupCommitWriter> _log;
    private readonly Channel<Pending>? _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop = Task.CompletedTask;
    private Pending? _carried;
    private long _batches;
    private long _packages;

    public GroupCommitWriter(IEvidenceStore store, IOptions<ReceiverOptions> options, ILogger<GroupCommitWriter> log)
    {
        _store = store;
        _options = options.Value;
        _log = log;
        if (_options.MaxBatchPackages > 1)
        {
            // Unbounded is bounded here: each lane waits for its package's commit, so at most Lanes are queued.
            _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Transactions committed by the writer (0 when each package commits alone).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Packages stored through the writer's transactions.</summary>
    public long Packages => Interlocked.Read(ref _packages);

    /// <summary>Stores the package; completes after its transaction committed. False: already stored (duplicate event
    /// id or device sequence), nothing changed.</summary>
    public async Task<bool> TryAddAsync(StoredEvidence evidence, CancellationToken ct)
    {
        if (_queue is null)
        {
            return await _store.TryAddAsync(evidence, ct);
        }

        var pending = new Pending(evidence);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        // The commit goes ahead even if the caller stops waiting; the caller just does not learn the outcome.
        return await pending.Done.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Packages already queued are still committed (their lanes are waiting); a commit that hangs is cancelled.
        _queue?.Writer.TryComplete();
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(10)));
        await _stop.CancelAsync();
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5)));
        if (_loop.IsCompleted)
        {
            _stop.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue!.Reader;
        while (_carried is not null || await reader.WaitToReadAsync())
        {
            var batch = await TakeBatchAsync(reader);
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    /// <summary>The next batch: what is queued now, then (if still short) what arrives within MaxBatchWait. Never more
    /// than <see cref="ReceiverOptions.Lanes"/>: each lane has at most one package waiting for its commit, so with
    /// every lane's package in the batch there is nothing more to wait for.</summary>
    private async Task<List<Pending>> TakeBatchAsync(ChannelReader<Pending> reader)
    {
        var max = Math.Min(_options.MaxBatchPackages, _options.Lanes);
        var batch = new List<Pending>(max);
        long bytes = 0;
        if (_carried is { } carried)
        {
            _carried = null;
            batch.Add(carried);
            bytes = carried.Evidence.Payload.Length;
        }
        else if (reader.TryRead(out var first))
        {
            batch.Add(first);
            bytes = first.Evidence.Payload.Length;
        }
        else
        {
            return batch;
        }

        using var wait = new CancellationTokenSource(_options.MaxBatchWait > TimeSpan.Zero ? _options.MaxBatchWait : Timeout.InfiniteTimeSpan);
        while (batch.Count < max)
        {
            if (reader.TryRead(out var next))
            {
                if (bytes + next.Evidence.Payload.Length > _options.MaxBatchBytes)
                {
                    _carried = next; // the first of the next batch
                    break;
                }

                batch.Add(next);
                bytes += next.Evidence.Payload.Length;
                continue;
            }

            if (_options.MaxBatchWait <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
                break;
            }
        }

        return batch;
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var added = await _store.TryAddBatchAsync([.. batch.Select(p => p.Evidence)], _stop.Token);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _packages, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(added[i]);
            }
        }
#pragma warning disable CA1031 // Tried again one by one; each package's own failure reaches its lane.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBatchFailed(_log, batch.Count, ex);
            foreach (var pending in batch)
            {
                try
                {
                    pending.Done.TrySetResult(await _store.TryAddAsync(pending.Evidence, _stop.Token));
                }
#pragma warning disable CA1031 // Handed to the package's lane, which leaves it unacknowledged.
                catch (Exception single)
#pragma warning restore CA1031
                {
                    pending.Done.TrySetException(single);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing a batch of {Count} packages failed; storing each alone")]
    private static partial void LogBatchFailed(ILogger log, int count, Exception ex);

    private sealed record Pending(StoredEvidence Evidence)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
