using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Central;

/// <summary>
/// Keeps every device's latest presence from the retained <c>edgecam/v1/devices/+/status</c> topics (online on
/// connect, Last Will offline). Every node keeps the whole picture, so this is a plain (not shared) subscription, on a
/// session of its own (client id <c>{Broker:ClientId}-status</c>, clean each start: the retained values are the state).
/// </summary>
public sealed class DeviceStatusTracker : BackgroundService
{
    private readonly ConcurrentDictionary<string, DeviceStatus> _latest = new(StringComparer.Ordinal);
    private readonly MqttSession _session;

    public DeviceStatusTracker(IOptions<MqttSessionOptions> broker, ILogger<MqttSession> log, TimeProvider time)
    {
        var o = broker.Value;
        var own = new MqttSessionOptions
        {
            Host = o.Host, Port = o.Port, ClientId = (o.ClientId.Length > 57 ? o.ClientId[..57] : o.ClientId) + "-status", SessionExpiry = TimeSpan.Zero,
            TlsCaFile = o.TlsCaFile, TlsClientCertificateFile = o.TlsClientCertificateFile, TlsClientKeyFile = o.TlsClientKeyFile, TlsServerName = o.TlsServerName,
            KeepAlive = o.KeepAlive, ConnectTimeout = o.ConnectTimeout, ReconnectInitialDelay = o.ReconnectInitialDelay, ReconnectMaxDelay = o.ReconnectMaxDelay,
        };
        _session = new MqttSession(own, [DeviceStatus.Wildcard], log, time) { MessageReceived = OnStatusAsync };
    }

    public bool TryGet(string deviceId, [NotNullWhen(true)] out DeviceStatus? status)
    {
        status = _latest.TryGetValue(deviceId, out var s) ? s : null;
        return status is not null;
    }

    public IReadOnlyDictionary<string, DeviceStatus> All => _latest;

    public override void Dispose()
    {
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _session.RunAsync(stoppingToken);

    private Task OnStatusAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        // A status for another device's topic is ignored: the topic names the device, the payload must agree.
        if (DeviceStatus.TryParseTopic(topic, out var deviceId)
            && DeviceStatus.TryParse(payload.ToArray(), out var status)
            && status!.DeviceId == deviceId)
        {
            _latest.AddOrUpdate(deviceId, status, (_, old) => status.AtUtc >= old.AtUtc ? status : old);
        }

        return Task.CompletedTask;
    }
}
