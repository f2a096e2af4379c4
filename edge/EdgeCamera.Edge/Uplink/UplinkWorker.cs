using System.Buffers;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Site;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Uplink;

/// <summary>
/// Publishes outbox records to the cloud in order (QoS 1), at most <see cref="OutboxOptions.MaxInFlight"/> unacknowledged
/// at once, republishes after <see cref="OutboxOptions.ResendAfter"/> or a reconnect, and deletes a record only when the
/// cloud's acknowledgement for its event id arrives on this device's ack topic.
/// </summary>
public sealed partial class UplinkWorker(
    MqttSession session,
    LiteDbOutbox outbox,
    WakeSignal wake,
    IOptions<OutboxOptions> options,
    IOptions<DeviceOptions> device,
    TimeProvider time,
    ILogger<UplinkWorker> log) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    // Event id → monotonic timestamp of the last publish. Only the sending loop writes it; acks remove through the lock.
    private readonly Dictionary<Guid, long> _inFlight = [];
    private readonly Lock _gate = new();
    private long _published;
    private long _acknowledged;
    private long _lastAckTicksUtc;
    private long _ackLatencyTicksTotal;
    private long _ackLatencyCount;

    public long Published => Interlocked.Read(ref _published);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>When the last acknowledgement that removed a record arrived (UTC); null before the first. Diagnostics.</summary>
    public DateTimeOffset? LastAcknowledgedUtc => Interlocked.Read(ref _lastAckTicksUtc) is var t and not 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Sum of publish → acknowledgement latencies of <see cref="AckLatencyCount"/> acknowledgements (Prometheus summary).</summary>
    public TimeSpan AckLatencyTotal => TimeSpan.FromTicks(Interlocked.Read(ref _ackLatencyTicksTotal));

    public long AckLatencyCount => Interlocked.Read(ref _ackLatencyCount);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        session.MessageReceived = OnAckAsync;
        session.Connected = _ =>
        {
            // After a reconnect nothing in flight is known to have arrived: send it all again, in order.
            lock (_gate)
            {
                _inFlight.Clear();
            }

            wake.Notify();
            return Task.CompletedTask;
        };
        var connection = session.RunAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await wake.WaitAsync(IdlePoll, stoppingToken);
                if (session.IsConnected)
                {
                    await PublishDueAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await connection;
    }

    private async Task PublishDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var topic = Topics.Evidence(device.Value.DeviceId);
        var now = time.GetTimestamp();
        foreach (var entry in outbox.Pending(o.MaxInFlight))
        {
            lock (_gate)
            {
                if (_inFlight.TryGetValue(entry.EventId, out var sentAt) && time.GetElapsedTime(sentAt, now) < o.ResendAfter)
                {
                    continue;
                }

                if (!_inFlight.ContainsKey(entry.EventId) && _inFlight.Count >= o.MaxInFlight)
                {
                    return;
                }
            }

            if (!await session.TryPublishAsync(topic, entry.Payload, ct))
            {
                return; // Connection trouble: the session reconnects and we start again from the oldest.
            }

            lock (_gate)
            {
                _inFlight[entry.EventId] = time.GetTimestamp();
            }

            Interlocked.Increment(ref _published);
            LogPublished(log, entry.EventId, entry.Payload.Length);
        }
    }

    private Task OnAckAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!WireJson.TryParseAck(payload.ToArray(), out var ack, out var error))
        {
            LogBadAck(log, topic, error);
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_inFlight.Remove(ack.EventId, out var publishedAt))
            {
                Interlocked.Add(ref _ackLatencyTicksTotal, time.GetElapsedTime(publishedAt).Ticks);
                Interlocked.Increment(ref _ackLatencyCount);
            }
        }

        switch (ack.Status)
        {
            case AckStatus.Accepted or AckStatus.Duplicate:
                if (outbox.Acknowledge(ack.EventId))
                {
                    Interlocked.Increment(ref _acknowledged);
                    Interlocked.Exchange(ref _lastAckTicksUtc, time.GetUtcNow().UtcTicks);
                    LogAcknowledged(log, ack.EventId, ack.ViolationNumber ?? "-");
                }

                break;
            case AckStatus.Rejected:
                outbox.MarkRejected(ack.EventId, ack.Reason ?? "no reason given");
                LogRejected(log, ack.EventId, ack.Reason ?? "no reason given");
                break;
        }

        wake.Notify();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {EvidenceId} ({Bytes} bytes)")]
    private static partial void LogPublished(ILogger log, Guid evidenceId, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud acknowledged {EvidenceId} (violation {ViolationNumber}); removed from the outbox")]
    private static partial void LogAcknowledged(ILogger log, Guid evidenceId, string violationNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud rejected {EvidenceId}: {Reason}; kept in the outbox, not resent")]
    private static partial void LogRejected(ILogger log, Guid evidenceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable acknowledgement on {Topic}: {Error}")]
    private static partial void LogBadAck(ILogger log, string topic, string error);
}
