using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.CloudBench;

/// <summary>What the MQTT path alone delivered: messages the subscriber received per second and the CPU it took.</summary>
public sealed record FloorResult(int Devices, int Messages, long MessageBytes, double Seconds, int Received, ProcessCpu Cpu);

/// <summary>
/// The floor under the load test (<c>--mqtt-floor</c>): the same simulated devices publish messages of the package size
/// (random bytes, not signed) through the same Mosquitto, QoS 1, to one subscriber on the receivers' shared
/// subscription that only copies each payload out (as intake does first) and acknowledges it. No verification, no
/// storage, no forwarding: the packages per second a receiver node on this machine could not exceed whatever it did.
/// The subscriber is an <see cref="MqttSession"/> with the receiver's socket settings, handling one message at a time.
/// Bounded like the load run: it gives up after <paramref name="limit"/>.
/// </summary>
public static class MqttFloorRun
{
    public static async Task<FloorResult> RunAsync(int devices, int perDevice, int messageBytes, TimeSpan limit)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var stop = new CancellationTokenSource();
        var received = 0;
        var probed = false;
        var subscriber = new MqttSession(
            new MqttSessionOptions { Port = broker.Port, ClientId = "floor-subscriber" },
            [Topics.SharedEvidence("floor")],
            NullLogger<MqttSession>.Instance,
            TimeProvider.System)
        {
            MessageReceived = (_, payload, _) =>
            {
                GC.KeepAlive(payload.ToArray()); // intake's first step: the bytes out of MQTTnet's buffer
                if (payload.Length == messageBytes)
                {
                    Interlocked.Increment(ref received); // a late probe is not one of the measured messages
                }
                else
                {
                    probed = true;
                }

                return Task.CompletedTask;
            },
        };
        var sessions = Enumerable.Range(1, devices)
            .Select(d => new MqttSession(new MqttSessionOptions { Port = broker.Port, ClientId = $"floor-cam-{d:D3}" }, [], NullLogger<MqttSession>.Instance, TimeProvider.System))
            .ToList();
        var loops = sessions.Append(subscriber).Select(s => s.RunAsync(stop.Token)).ToList();
        try
        {
            using var deadline = new CancellationTokenSource(limit);
            while (!(subscriber.IsConnected && sessions.All(s => s.IsConnected)) && !deadline.IsCancellationRequested)
            {
                await Task.Delay(50);
            }

            // The subscription is live once a probe comes back.
            while (!Volatile.Read(ref probed) && !deadline.IsCancellationRequested)
            {
                await sessions[0].TryPublishAsync(Topics.Evidence("floor-cam-001"), "probe"u8.ToArray(), deadline.Token);
                await Task.Delay(100);
            }

            var payloads = sessions.Select(_ => RandomNumberGenerator.GetBytes(messageBytes)).ToList();
            var cpuAtStart = ProcessCpu.Now([]);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(sessions.Select((s, i) => Task.Run(async () =>
            {
                for (var k = 0; k < perDevice && !deadline.IsCancellationRequested; k++)
                {
                    while (!await s.TryPublishAsync(Topics.Evidence($"floor-cam-{i + 1:D3}"), payloads[i], deadline.Token))
                    {
                        await Task.Delay(50, deadline.Token);
                    }
                }
            })));

            var total = devices * perDevice;
            while (Volatile.Read(ref received) < total && !deadline.IsCancellationRequested)
            {
                await Task.Delay(5);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            return new FloorResult(devices, total, messageBytes, seconds, Volatile.Read(ref received), ProcessCpu.Now([]).Since(cpuAtStart));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            foreach (var s in sessions.Append(subscriber))
            {
                await s.DisposeAsync();
            }
        }
    }
}
