using System.Text.Json;
using System.Threading.Channels;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Transport;

namespace EdgeCamera.Cloud.Central;

/// <summary>
/// Republishes each stored package, normalised (<see cref="CentralEvent"/>), on the central topic tree through the
/// receiver's MQTT session, QoS 1. Intake only enqueues (it never waits for central subscribers); the queue is bounded
/// (<see cref="Capacity"/>) and drops the oldest when full, counted in <see cref="Dropped"/>. Central delivery is
/// best-effort by design: the evidence itself is durable in the store and reaches the national system by the outbox.
/// </summary>
public sealed partial class CentralPublisher(MqttSession session, ILogger<CentralPublisher> log) : BackgroundService
{
    /// <summary>About 20 s of the bench's per-node rate: a broker hiccup is bridged, a long outage is not queued in memory.</summary>
    public const int Capacity = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<CentralEvent> _queue = Channel.CreateBounded<CentralEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private long _published;
    private long _dropped;
    private long _failed;

    public long Published => Interlocked.Read(ref _published);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    public void Enqueue(EvidenceManifest manifest, DateTime receivedAtUtc)
    {
        var e = CentralEvent.From(manifest, receivedAtUtc);
        if (_queue.Reader.Count >= Capacity)
        {
            Interlocked.Increment(ref _dropped);
        }

        _queue.Writer.TryWrite(e);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (await session.TryPublishAsync(e.Topic, JsonSerializer.SerializeToUtf8Bytes(e, Json), stoppingToken))
                {
                    Interlocked.Increment(ref _published);
                }
                else
                {
                    Interlocked.Increment(ref _failed);
                    LogNotPublished(log, e.EventId, e.Topic);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central event {EvidenceId} not published on {Topic} (broker unavailable); the evidence itself is stored")]
    private static partial void LogNotPublished(ILogger log, Guid evidenceId, string topic);
}
