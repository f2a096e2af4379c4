using System.Collections.Concurrent;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Transport;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Cloud.Intake;

/// <summary>
/// Asks a device to resend what is missing from its chain: when a package arrives whose predecessors are neither
/// stored nor declared evicted, publishes a <see cref="ResendRequest"/> for that run of sequence numbers on
/// <c>edgecam/v1/devices/{deviceId}/resend</c>. The same request is not repeated within <see cref="RepeatAfter"/>
/// (the device resends by itself too; this only hurries it). Also keeps the gaps devices declared with eviction
/// notices (in memory: after a restart a device answers a new request with the same notice again).
/// </summary>
public sealed partial class GapResender(IEvidenceStore store, MqttSession session, TimeProvider time, ILogger<GapResender> log)
{
    /// <summary>One device's unanswered request is repeated at most this often (its own resend timer is 30 s).</summary>
    public static readonly TimeSpan RepeatAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string DeviceId, long Sequence), Guid> _declared = new();
    private readonly ConcurrentDictionary<string, (long From, long To, long At)> _lastRequest = new();
    private long _requests;

    /// <summary>Resend requests published.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Sequence numbers devices declared evicted by their disk budget (verified eviction notices).</summary>
    public int DeclaredGaps => _declared.Count;

    public bool IsDeclared(string deviceId, long sequence) => _declared.ContainsKey((deviceId, sequence));

    public void Declare(string deviceId, long sequence, Guid eventId) => _declared.TryAdd((deviceId, sequence), eventId);

    /// <summary>Called when <paramref name="sequence"/> arrived and its predecessor is missing: asks for the missing run
    /// just below it (at most <see cref="ResendRequest.MaxRange"/> numbers). False when nothing was asked.</summary>
    public async Task<bool> RequestMissingBeforeAsync(string deviceId, long sequence, CancellationToken ct)
    {
        var to = sequence - 1;
        if (to < 1 || IsDeclared(deviceId, to))
        {
            return false;
        }

        var from = to;
        while (from > 1 && to - from + 1 < ResendRequest.MaxRange && store.FindBySequence(deviceId, from - 1) is null && !IsDeclared(deviceId, from - 1))
        {
            from--;
        }

        var now = time.GetTimestamp();
        if (_lastRequest.TryGetValue(deviceId, out var last) && last.From == from && last.To == to && time.GetElapsedTime(last.At, now) < RepeatAfter)
        {
            return false;
        }

        _lastRequest[deviceId] = (from, to, now);
        var sent = await session.TryPublishAsync(Topics.Resend(deviceId), WireJson.Serialize(new ResendRequest(deviceId, from, to)), ct);
        if (sent)
        {
            Interlocked.Increment(ref _requests);
            LogRequested(log, deviceId, from, to);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked {DeviceId} to resend sequence {From}..{To}")]
    private static partial void LogRequested(ILogger log, string deviceId, long from, long to);
}
