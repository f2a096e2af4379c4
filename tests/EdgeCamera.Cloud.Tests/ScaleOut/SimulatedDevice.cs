using System.Buffers;
using System.Collections.Concurrent;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Cloud.Tests.ScaleOut;

/// <summary>A roadside unit as the cloud sees it: its key and chain, one MQTT session, the acks it received.</summary>
public sealed class SimulatedDevice : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private SimulatedDevice(string deviceId) => Signer = new TestDevice(deviceId);

    public TestDevice Signer { get; }

    public string DeviceId => Signer.DeviceId;

    public MqttSession Session { get; private set; } = null!;

    public ConcurrentQueue<EvidenceAck> Acks { get; } = new();

    public static async Task<SimulatedDevice> ConnectAsync(string deviceId, int brokerPort, string registryDirectory)
    {
        var device = new SimulatedDevice(deviceId);
        device.Signer.RegisterIn(registryDirectory);
        device.Session = new MqttSession(
            new MqttSessionOptions { Port = brokerPort, ClientId = deviceId },
            [Topics.Ack(deviceId)],
            NullLogger<MqttSession>.Instance,
            TimeProvider.System);
        device.Session.MessageReceived = (_, payload, _) =>
        {
            if (WireJson.TryParseAck(payload.ToArray(), out var ack, out _))
            {
                device.Acks.Enqueue(ack);
            }

            return Task.CompletedTask;
        };
        device._loop = device.Session.RunAsync(device._stop.Token);
        if (!await Eventually.HoldsAsync(() => device.Session.IsConnected))
        {
            throw new TimeoutException($"{deviceId} could not connect to the broker");
        }

        return device;
    }

    public Task<bool> PublishAsync(SealedPackage package) =>
        Session.TryPublishAsync(Topics.Evidence(DeviceId), package.WireBytes, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await Session.DisposeAsync();
        Signer.Dispose();
        _stop.Dispose();
    }
}
