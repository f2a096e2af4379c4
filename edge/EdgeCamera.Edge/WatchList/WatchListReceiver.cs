using System.Buffers;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Contracts.WatchList;
using EdgeCamera.Violations.WatchList;

namespace EdgeCamera.Edge.WatchList;

/// <summary>
/// Takes the fleet's watch list from the cloud (retained on <c>edgecam/v1/watchlist</c>) into the unit's
/// <see cref="PlateWatchList"/>, replacing it whole in one step (the rule never sees half a list). A message that
/// fails the wire checks (malformed, wrong schema, bad entry, digest mismatch) or is older than the list held is
/// refused, counted by reason and logged; the previous list stays. So is a list not signed by the cloud's key
/// (<see cref="WatchListSignature"/>: <c>unsigned</c>, <c>signature</c> for a forged or altered one, <c>no-key</c> when
/// the unit has no cloud key configured): anyone able to publish on the broker could otherwise replace the list. The
/// same version again (a retained message redelivered on reconnect) is counted as unchanged. Never throws (a throw
/// would drop the MQTT connection).
/// </summary>
public sealed partial class WatchListReceiver(PlateWatchList list, DeviceKey? cloudKey, ILogger<WatchListReceiver> log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private DateTimeOffset _issuedAtUtc = DateTimeOffset.MinValue;
    private long _accepted;
    private long _unchanged;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Unchanged => Interlocked.Read(ref _unchanged);

    /// <summary>When the list held was issued by the cloud; null before the first.</summary>
    public DateTimeOffset? IssuedAtUtc
    {
        get
        {
            lock (_gate)
            {
                return _issuedAtUtc == DateTimeOffset.MinValue ? null : _issuedAtUtc;
            }
        }
    }

    public IReadOnlyDictionary<string, long> RejectedByReason
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_rejected, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Applies one watch-list message; true when the list held is now this one.</summary>
    public bool Apply(ReadOnlySequence<byte> payload)
    {
        if (payload.Length > WatchListWire.MaxBytes)
        {
            return Reject("oversized", $"{payload.Length} bytes, at most {WatchListWire.MaxBytes}");
        }

        if (!WatchListWire.TryParse(payload.ToArray(), out var message, out var reason, out var detail))
        {
            return Reject(reason, detail);
        }

        if (cloudKey is null)
        {
            return Reject("no-key", "no cloud public key configured (WatchList:CloudPublicKeyPath): the list cannot be verified");
        }

        if (!WatchListSignature.TryVerify(message, cloudKey, out reason, out detail))
        {
            return Reject(reason, detail);
        }

        lock (_gate)
        {
            if (string.Equals(message.Version, list.Version, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _unchanged);
                return true;
            }

            if (message.IssuedAtUtc < _issuedAtUtc)
            {
                return Reject("stale", $"version {message.Version} issued {message.IssuedAtUtc:O}, older than the list held ({list.Version}, {_issuedAtUtc:O})");
            }

            list.Replace(message.Entries.Select(e => new WatchListEntry(e.Plate, e.Country, e.List, e.Reason)), message.Version);
            _issuedAtUtc = message.IssuedAtUtc;
            Interlocked.Increment(ref _accepted);
        }

        LogReplaced(log, message.Version, message.Entries.Count, message.IssuedAtUtc);
        return true;
    }

    private bool Reject(string reason, string detail)
    {
        lock (_gate)
        {
            _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
        }

        LogRejected(log, reason, detail, list.Version);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch list replaced: version {Version}, {Entries} entries, issued {IssuedAtUtc:O}")]
    private static partial void LogReplaced(ILogger log, string version, int entries, DateTimeOffset issuedAtUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch list refused ({Reason}: {Detail}); keeping version {Current}")]
    private static partial void LogRejected(ILogger log, string reason, string detail, string current);
}
