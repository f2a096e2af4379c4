using System.Buffers;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Uplink;

/// <summary>
/// Publishes outbox records to the cloud in order (QoS 1), at most <see cref="OutboxOptions.MaxInFlight"/> unacknowledged
/// at once, republishes after <see cref="OutboxOptions.ResendAfter"/> or a reconnect, and deletes a record only when the
/// cloud's acknowledgement for its event id arrives on this device's ack topic. Announces plain reads the disk budget
/// evicted (eviction notices on the evicted topic, before the packages), and answers the cloud's resend requests: a
/// package it still holds is published again at once, an evicted one is answered with its eviction notice.
/// </summary>
public sealed partial class UplinkWorker(
    MqttSession session,
    LiteDbOutbox outbox,
    WakeSignal wake,
    IOptions<OutboxOptions> options,
    IOptions<DeviceOptions> device,
    TimeProvider time,
    ILogger<UplinkWorker> log,
    WatchListReceiver? watchList = null) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    // Event id → monotonic timestamp of the last publish. Only the sending loop writes it; acks remove through the lock.
    private readonly Dictionary<Guid, long> _inFlight = [];
    private readonly Lock _gate = new();

    // Acks handled since the sending loop last read the outbox: its snapshot may still list them (never publish again).
    private readonly HashSet<Guid> _answeredSinceSnapshot = [];

    // Eviction notices asked for again by a resend request (outbox ids); bounded by ResendRequest.MaxRange per request.
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> _noticesRequested = new();
    private long _resendRequests;
    private long _resendUnavailable;
    private long _noticesSent;
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

    /// <summary>Resend requests received from the cloud.</summary>
    public long ResendRequests => Interlocked.Read(ref _resendRequests);

    /// <summary>Requested sequence numbers this unit no longer holds in any form (acknowledged and deleted before).</summary>
    public long ResendUnavailable => Interlocked.Read(ref _resendUnavailable);

    /// <summary>Eviction notices the broker took.</summary>
    public long EvictionNoticesSent => Interlocked.Read(ref _noticesSent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        session.MessageReceived = (topic, payload, ct) => Topics.TryParseResendTopic(topic, out _)
            ? OnResendRequestAsync(topic, payload)
            : OnAckAsync(topic, payload, ct);
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
        if (!await AnnounceEvictionsAsync(o.MaxInFlight, ct))
        {
            return;
        }

        var topic = Topics.Evidence(device.Value.DeviceId);
        var now = time.GetTimestamp();
        IReadOnlyList<OutboxEntry> pending;
        lock (_gate)
        {
            pending = outbox.Pending(o.MaxInFlight);
            _answeredSinceSnapshot.Clear();

            // In-flight records are always among the oldest pending ones; one that left the outbox without our ack
            // (evicted by the disk budget, rejected) must not keep holding a slot.
            foreach (var gone in _inFlight.Keys.Where(id => pending.All(e => e.EventId != id)).ToList())
            {
                _inFlight.Remove(gone);
            }
        }

        foreach (var entry in pending)
        {
            lock (_gate)
            {
                if (_answeredSinceSnapshot.Contains(entry.EventId))
                {
                    continue;
                }

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
                if (!_answeredSinceSnapshot.Contains(entry.EventId))
                {
                    _inFlight[entry.EventId] = time.GetTimestamp();
                }
            }

            Interlocked.Increment(ref _published);
            LogPublished(log, entry.EventId, entry.Payload.Length);
        }
    }

    /// <summary>Publishes eviction notices not yet taken by the broker, and those a resend request asked for again.</summary>
    private async Task<bool> AnnounceEvictionsAsync(int max, CancellationToken ct)
    {
        var topic = Topics.Evicted(device.Value.DeviceId);
        var due = outbox.UnannouncedEvictions(max).ToList();
        while (due.Count < max && _noticesRequested.TryDequeue(out var requestedSequence))
        {
            if (outbox.TryFindEvicted(requestedSequence, out var again) && due.All(d => d.Id != again.Id))
            {
                due.Add(again);
            }
        }

        foreach (var notice in due)
        {
            if (!await session.TryPublishAsync(topic, notice.Notice, ct))
            {
                return false;
            }

            outbox.MarkAnnounced(notice.Id);
            Interlocked.Increment(ref _noticesSent);
            LogNoticeSent(log, notice.EventId, notice.Sequence);
        }

        return true;
    }

    private Task OnResendRequestAsync(string topic, ReadOnlySequence<byte> payload)
    {
        if (!WireJson.TryParseResendRequest(payload.ToArray(), out var request, out var error) || !request.IsValid || request.DeviceId != device.Value.DeviceId)
        {
            LogBadResend(log, topic, request is null ? error : $"invalid range {request.FromSequence}..{request.ToSequence} for {request.DeviceId}");
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _resendRequests);
        int held = 0, evicted = 0, gone = 0;
        for (var sequence = request.FromSequence; sequence <= request.ToSequence; sequence++)
        {
            if (outbox.TryFindBySequence(sequence, out var entry))
            {
                // Due again at once instead of after ResendAfter; the sending loop publishes it in order.
                lock (_gate)
                {
                    _inFlight.Remove(entry.EventId);
                }

                held++;
            }
            else if (outbox.TryFindEvicted(sequence, out _))
            {
                _noticesRequested.Enqueue(sequence);
                evicted++;
            }
            else
            {
                Interlocked.Increment(ref _resendUnavailable);
                gone++;
            }
        }

        LogResendRequested(log, request.FromSequence, request.ToSequence, held, evicted, gone);
        wake.Notify();
        return Task.CompletedTask;
    }

    private Task OnAckAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (topic == Topics.WatchList)
        {
            watchList?.Apply(payload); // The same session carries the fleet's watch list (issue 5).
            return Task.CompletedTask;
        }

        if (!WireJson.TryParseAck(payload.ToArray(), out var ack, out var error))
        {
            LogBadAck(log, topic, error);
            return Task.CompletedTask;
        }

        bool removed;
        lock (_gate)
        {
            // Under the sending loop's lock: it sees the record either still stored and answered, or gone.
            if (_inFlight.Remove(ack.EventId, out var publishedAt))
            {
                Interlocked.Add(ref _ackLatencyTicksTotal, time.GetElapsedTime(publishedAt).Ticks);
                Interlocked.Increment(ref _ackLatencyCount);
            }

            _answeredSinceSnapshot.Add(ack.EventId);
            removed = ack.Status is AckStatus.Accepted or AckStatus.Duplicate
                ? outbox.Acknowledge(ack.EventId)
                : outbox.MarkRejected(ack.EventId, ack.Reason ?? "no reason given");
        }

        switch (ack.Status)
        {
            case AckStatus.Accepted or AckStatus.Duplicate:
                if (removed)
                {
                    Interlocked.Increment(ref _acknowledged);
                    Interlocked.Exchange(ref _lastAckTicksUtc, time.GetUtcNow().UtcTicks);
                    LogAcknowledged(log, ack.EventId, ack.ViolationNumber ?? "-");
                }

                break;
            case AckStatus.Rejected:
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announced eviction of {EvidenceId} (sequence {Sequence}) to the cloud")]
    private static partial void LogNoticeSent(ILogger log, Guid evidenceId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud asked for sequence {From}..{To}: {Held} resent from the outbox, {Evicted} answered with eviction notices, {Gone} no longer held")]
    private static partial void LogResendRequested(ILogger log, long from, long to, int held, int evicted, int gone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unusable resend request on {Topic}: {Error}")]
    private static partial void LogBadResend(ILogger log, string topic, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable acknowledgement on {Topic}: {Error}")]
    private static partial void LogBadAck(ILogger log, string topic, string error);
}
