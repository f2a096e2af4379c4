using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Transport;

/// <summary>
/// Several received messages handled at once, in order per key. MQTTnet calls a session's handler one message at a
/// time; with lanes the session only copies the message and queues it on the lane its key picks (the cloud's key is
/// the device id), so messages of different keys are handled concurrently and those of one key strictly one after the
/// other, in arrival order. Acknowledgements (PUBACK) still go out in the order the messages arrived (MQTT 5 §4.6),
/// each only after its handler returned normally: nothing is acknowledged before it is handled.
/// <para>Bounded, no drop: each lane holds at most <c>laneCapacity</c> waiting messages; when the lane a message needs
/// is full, the session's receive loop waits (TCP back-pressure to the broker), and the broker sends no more than the
/// session's MQTT receive maximum unacknowledged messages anyway.</para>
/// <para>A handler that throws: the connection's remaining messages are neither handled nor acknowledged (so a key's
/// later messages never overtake its failed one), and the session drops the connection; the broker redelivers every
/// unacknowledged message on the resumed session (handled twice at worst: the receiver absorbs duplicates).</para>
/// <para>An acknowledgement that does not go out within <c>ackTimeout</c> is given up (the broker redelivers that
/// message): acknowledgements go out one after the other, so one stuck on a connection that died under it would hold
/// every later one, and the broker stops sending at the receive maximum.</para>
/// </summary>
public sealed partial class MessageLanes : IAsyncDisposable
{
    private readonly Channel<Work>[] _lanes;
    private readonly Channel<(Work Work, MqttApplicationMessageReceivedEventArgs Args)> _acks;
    private readonly Func<string, string> _partitionKey;
    private readonly ILogger _log;
    private readonly TimeSpan _ackTimeout;
    private readonly Task[] _loops;
    private long _connection;
    private long _failedConnection = -1;
    private long _handled;

    /// <param name="laneCount">Messages handled at once (at most one per lane).</param>
    /// <param name="laneCapacity">Messages waiting per lane before the receive loop waits.</param>
    /// <param name="partitionKey">The key (from the topic) whose messages must stay in order: one lane per key.</param>
    /// <param name="ackTimeout">How long one acknowledgement may take to go out; default <see cref="DefaultAckTimeout"/>.</param>
    public MessageLanes(int laneCount, int laneCapacity, Func<string, string> partitionKey, ILogger<MessageLanes> log, TimeSpan? ackTimeout = null)
    {
        _ackTimeout = ackTimeout ?? DefaultAckTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThan(laneCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(laneCapacity, 1);
        _partitionKey = partitionKey;
        _log = log;
        _lanes = [.. Enumerable.Range(0, laneCount).Select(_ => Channel.CreateBounded<Work>(new BoundedChannelOptions(laneCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }))];

        // Every message not yet acknowledged has one entry here: waiting in a lane, being handled, or handled.
        MaxUnacknowledged = laneCount * (laneCapacity + 1);
        _acks = Channel.CreateBounded<(Work, MqttApplicationMessageReceivedEventArgs)>(new BoundedChannelOptions(MaxUnacknowledged)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loops = [.. _lanes.Select(lane => Task.Run(() => RunLaneAsync(lane))), Task.Run(AcknowledgeInOrderAsync)];
    }

    /// <summary>A PUBACK is one small packet written to the session's socket; one not written in 10 s is on a connection
    /// that died under it (CI, 2026-11-29: after a broker restart the receiver took exactly its receive maximum, 24
    /// messages, and acknowledged none in 90 s — most likely queued behind one begun as the broker stopped).</summary>
    public static readonly TimeSpan DefaultAckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The most messages handled at once.</summary>
    public int LaneCount => _lanes.Length;

    /// <summary>The most messages received but not yet acknowledged (waiting, being handled, or handled and waiting for
    /// an earlier message's acknowledgement): what the session asks the broker for as its MQTT receive maximum.</summary>
    public int MaxUnacknowledged { get; }

    /// <summary>Messages whose handler returned normally.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Completes the lanes and waits (at most <paramref name="drain"/>) for the messages already queued.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        _acks.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(_loops), Task.Delay(drain));
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(10));

    /// <summary>Called by the session before each (re)connect: messages of earlier connections are never acknowledged
    /// on the new one (the broker redelivers them).</summary>
    internal void NewConnection() => Interlocked.Increment(ref _connection);

    /// <summary>Queues one message (copied: MQTTnet's bytes are only valid during its call) on its key's lane.</summary>
    internal async Task DispatchAsync(
        MqttApplicationMessageReceivedEventArgs e,
        Func<string, ReadOnlySequence<byte>, CancellationToken, Task> handler,
        Action dropConnection)
    {
        e.AutoAcknowledge = false;
        var topic = e.ApplicationMessage.Topic;
        var work = new Work(topic, e.ApplicationMessage.Payload.ToArray(), Interlocked.Read(ref _connection), handler, dropConnection);
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(_partitionKey(topic)) % (uint)_lanes.Length)];
        await _acks.Writer.WriteAsync((work, e));
        await lane.Writer.WriteAsync(work);
    }

    private async Task RunLaneAsync(Channel<Work> lane)
    {
        await foreach (var work in lane.Reader.ReadAllAsync())
        {
            if (work.Connection == Interlocked.Read(ref _failedConnection))
            {
                // An earlier message of this connection failed: leave the rest to the redelivery, in order.
                work.Done.TrySetResult(false);
                continue;
            }

            try
            {
                await work.Handler(work.Topic, new ReadOnlySequence<byte>(work.Payload), CancellationToken.None);
                Interlocked.Increment(ref _handled);
                work.Done.TrySetResult(true);
            }
#pragma warning disable CA1031 // A handler failure must not end the lane; the message is redelivered.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.Exchange(ref _failedConnection, work.Connection);
                LogHandlerFailed(_log, work.Topic, ex);
                work.Done.TrySetResult(false);
                work.DropConnection();
            }
        }
    }

    private async Task AcknowledgeInOrderAsync()
    {
        await foreach (var (work, args) in _acks.Reader.ReadAllAsync())
        {
            var handled = await work.Done.Task;
            if (!handled || work.Connection != Interlocked.Read(ref _connection) || work.Connection == Interlocked.Read(ref _failedConnection))
            {
                continue;
            }

            try
            {
                using var timeout = new CancellationTokenSource(_ackTimeout);
                await args.AcknowledgeAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection dropped meanwhile: the broker redelivers the message, the receiver absorbs the copy.
                LogAckFailed(_log, work.Topic, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the message on {Topic} failed; it and the connection's later messages stay unacknowledged and will be redelivered")]
    private static partial void LogHandlerFailed(ILogger log, string topic, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledging the message on {Topic} failed ({Reason}); the broker will redeliver it")]
    private static partial void LogAckFailed(ILogger log, string topic, string reason);

    private sealed record Work(string Topic, byte[] Payload, long Connection, Func<string, ReadOnlySequence<byte>, CancellationToken, Task> Handler, Action DropConnection)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
