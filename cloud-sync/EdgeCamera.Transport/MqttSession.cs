using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Transport;

/// <summary>
/// One MQTT 5 connection kept alive by our own loop (MQTTnet 5 has no managed client): connect with a persistent
/// session, (re)subscribe, wait for the drop, back off with jitter, repeat. Messages arrive through
/// <see cref="MessageReceived"/>; a handler that returns normally acknowledges the message (PUBACK), one that throws
/// leaves it unacknowledged and drops the connection, so the broker delivers it again on the resumed session.
/// </summary>
public sealed partial class MqttSession : IAsyncDisposable
{
    /// <summary>Socket send and receive buffer asked of the kernel for the MQTT connection (it doubles it): room for
    /// several 64 KB loopback segments of a 628 KB evidence package in flight.</summary>
    private const int SocketBufferBytes = 256 * 1024;

    private readonly MqttSessionOptions _options;
    private readonly IReadOnlyList<string> _subscriptions;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _disconnected = new(0, 1);
    private readonly MqttTlsFiles? _tls;
    private long _reconnects;
    private long _publishesRefused;
    private long _connectFailures;

    public MqttSession(MqttSessionOptions options, IReadOnlyList<string> subscriptions, ILogger<MqttSession> log, TimeProvider time)
    {
        _options = options;
        _subscriptions = subscriptions;
        _log = log;
        _time = time;
        if (options.UseTls)
        {
            _tls = MqttTlsFiles.TryLoad(options, out var files, out var error) ? files : throw new InvalidOperationException(error);
        }

        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += _ =>
        {
            if (_disconnected.CurrentCount == 0)
            {
                _disconnected.Release();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Called for each message; payload bytes are only valid during the call.</summary>
    public Func<string, ReadOnlySequence<byte>, CancellationToken, Task>? MessageReceived { get; set; }

    /// <summary>Set before <see cref="RunAsync"/> to handle several messages at once, in order per key, acknowledged in
    /// arrival order (see <see cref="MessageLanes"/>); the session then asks the broker for at most
    /// <see cref="MessageLanes.MaxUnacknowledged"/> unacknowledged messages (MQTT 5 receive maximum). Null: one at a time.</summary>
    public MessageLanes? Lanes { get; set; }

    /// <summary>Raised after every successful (re)connect and subscribe.</summary>
    public Func<CancellationToken, Task>? Connected { get; set; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Presence (set before <see cref="RunAsync"/>): <see cref="Birth"/> is published retained after every
    /// (re)connect; <see cref="Will"/> is the Last Will the broker publishes retained when the connection drops, and is
    /// asked for on a clean shutdown too, so the retained value always says whether the client is there.</summary>
    public (string Topic, byte[] Payload)? Birth { get; set; }

    /// <inheritdoc cref="Birth"/>
    public (string Topic, byte[] Payload)? Will { get; set; }

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Connection attempts that failed (broker down, TLS handshake refused, CONNACK error).</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Publishes the broker answered with an error reason code (e.g. over its <c>message_size_limit</c>).</summary>
    public long PublishesRefused => Interlocked.Read(ref _publishesRefused);

    /// <summary>Keeps the session connected until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new Backoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ConnectAndSubscribeAsync(ct);
                backoff.Reset();
                if (Connected is { } connected)
                {
                    await connected(ct);
                }

                await _disconnected.WaitAsync(ct);
                LogDisconnected(_log, _options.Host, _options.Port);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or InvalidOperationException or OperationCanceledException or MQTTnet.Adapter.MqttConnectingFailedException or System.Security.Authentication.AuthenticationException or IOException)
            {
                Interlocked.Increment(ref _connectFailures);
                var delay = backoff.Next();
                LogConnectFailed(_log, _options.Host, _options.Port, backoff.Attempt, delay.TotalSeconds, ex.Message);
                try
                {
                    await Task.Delay(delay, _time, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (_client.IsConnected)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                var disconnect = new MqttClientDisconnectOptionsBuilder();
                if (Will is not null)
                {
                    disconnect.WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage);
                }

                await _client.DisconnectAsync(disconnect.Build(), cts.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Shutting down: the broker notices the dropped connection by itself.
            }
        }
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's PUBACK. False when not connected or the broker refused.</summary>
    public Task<bool> TryPublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken ct) =>
        TryPublishAsync(topic, payload, retain: false, ct);

    /// <summary>As <see cref="TryPublishAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>; <paramref name="retain"/>:
    /// the broker keeps it as the topic's current value and gives it to every later subscriber.</summary>
    public async Task<bool> TryPublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            var result = await _client.PublishAsync(message, ct);
            if (!result.IsSuccess)
            {
                Interlocked.Increment(ref _publishesRefused);
                LogPublishRefused(_log, topic, payload.Length, result.ReasonCode.ToString(), result.ReasonString ?? string.Empty);
            }

            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogPublishFailed(_log, topic, ex.Message);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _disconnected.Dispose();
        _tls?.Dispose();
        await Task.CompletedTask;
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken ct)
    {
        var builder = new MqttClientOptionsBuilder();
        if (_tls is { } tls)
        {
            builder.WithTlsOptions(t => t
                .UseTls()
                .WithTargetHost(_options.TlsServerName ?? _options.Host)
                .WithClientCertificates([tls.Client])
                .WithCertificateValidationHandler(e => tls.IsTrustedBroker(e.Certificate, e.SslPolicyErrors)));
        }

        if (Will is { } will)
        {
            builder.WithWillTopic(will.Topic).WithWillPayload(will.Payload).WithWillRetain(true).WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var options = builder
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);
        if (Lanes is { } lanes)
        {
            options.WithReceiveMaximum((ushort)Math.Min(lanes.MaxUnacknowledged, ushort.MaxValue));
        }

        var built = options.Build();
        if (built.ChannelOptions is MqttClientTcpOptions tcp)
        {
            // MQTTnet sets SO_SNDBUF/SO_RCVBUF to 8 KB by default (autotuning off): 628 KB publishes then crawl at one 64 KB segment per ~45 ms delayed ACK, 3 → 110 messages/s in a bare 127.0.0.1 test (bench/README.md, 2026-11-26).
            tcp.BufferSize = SocketBufferBytes;
        }

        // Drain a stale "disconnected" signal from the previous connection.
        while (_disconnected.CurrentCount > 0)
        {
            await _disconnected.WaitAsync(ct);
        }

        // Before connecting: the resumed session's messages may arrive before ConnectAsync returns.
        Lanes?.NewConnection();
        var result = await _client.ConnectAsync(built, ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        if (Interlocked.Increment(ref _reconnects) > 1)
        {
            LogReconnected(_log, _options.Host, _options.Port, result.IsSessionPresent);
        }
        else
        {
            LogConnected(_log, _options.Host, _options.Port, _options.ClientId, result.IsSessionPresent, _tls is null ? "plain TCP" : "TLS, client certificate " + _tls.Client.Subject);
        }

        if (_subscriptions.Count > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var topic in _subscriptions)
            {
                subscribe.WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
            }

            await _client.SubscribeAsync(subscribe.Build(), ct);
        }

        if (Birth is { } birth)
        {
            await TryPublishAsync(birth.Topic, birth.Payload, retain: true, ct);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (MessageReceived is not { } handler)
        {
            return;
        }

        if (Lanes is { } lanes)
        {
            try
            {
                await lanes.DispatchAsync(e, handler, DropConnection);
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                // Shutting down: left unacknowledged, the broker redelivers it.
                e.AutoAcknowledge = false;
            }

            return;
        }

        // Acknowledge only after the handler has finished (stored durably on the receiving side).
        e.AutoAcknowledge = false;
        try
        {
            await handler(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, CancellationToken.None);
        }
#pragma warning disable CA1031 // A handler failure must not kill the client's receive loop; the message is redelivered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHandlerFailed(_log, e.ApplicationMessage.Topic, ex);

            // Within one connection the broker never resends; dropping it makes the broker redeliver the
            // unacknowledged message when our persistent session resumes.
            DropConnection();
            return;
        }

        try
        {
            // Bounded as the lanes' acknowledgements are (MessageLanes.DefaultAckTimeout): one stuck on a dead
            // connection would hold the receive loop that awaits this handler.
            using var timeout = new CancellationTokenSource(MessageLanes.DefaultAckTimeout);
            await e.AcknowledgeAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Handled, but the connection closed before the acknowledgement went out (a broker stopping, a network
            // drop): the broker redelivers it and the handler's own duplicate check absorbs the second delivery.
            LogAcknowledgeLost(_log, e.ApplicationMessage.Topic, ex.Message);
        }
    }

    private void DropConnection() =>
        _ = Task.Run(() => _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None));

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connected to {Host}:{Port} as {ClientId} (session present: {SessionPresent}; {Security})")]
    private static partial void LogConnected(ILogger log, string host, int port, string clientId, bool sessionPresent, string security);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT reconnected to {Host}:{Port} (session present: {SessionPresent})")]
    private static partial void LogReconnected(ILogger log, string host, int port, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection to {Host}:{Port} lost")]
    private static partial void LogDisconnected(ILogger log, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connect to {Host}:{Port} failed (attempt {Attempt}), retry in {DelayS:F1} s: {Reason}")]
    private static partial void LogConnectFailed(ILogger log, string host, int port, int attempt, double delayS, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT publish to {Topic} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger log, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker refused the publish to {Topic} ({Bytes} bytes): {ReasonCode} {ReasonString}")]
    private static partial void LogPublishRefused(ILogger log, string topic, int bytes, string reasonCode, string reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handled the message on {Topic}, but the connection closed before it was acknowledged ({Reason}); the broker will redeliver it")]
    private static partial void LogAcknowledgeLost(ILogger log, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the message on {Topic} failed; it stays unacknowledged and will be redelivered")]
    private static partial void LogHandlerFailed(ILogger log, string topic, Exception ex);
}
