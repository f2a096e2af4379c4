using System.Security.Cryptography;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Contracts.WatchList;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.WatchList;

/// <summary>
/// Publishes the watch-list file, signed with the cloud's watch-list key (<see cref="WatchListSignature"/>,
/// <see cref="WatchListOptions.SigningKeyPath"/>), retained at QoS 1, on <see cref="Topics.WatchList"/> through the
/// receiver's MQTT session: at start once connected, again whenever the file's content changes, and after each reconnect. A file that does not parse is
/// refused (counted by reason, logged once per content) and the last good list stays retained at the broker.
/// </summary>
public sealed partial class WatchListPublisher(
    MqttSession session,
    IOptions<WatchListOptions> options,
    TimeProvider time,
    ILogger<WatchListPublisher> log) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _refused = new(StringComparer.Ordinal);
    private string _publishedFileHash = "";
    private string _refusedFileHash = "";
    private long _published;
    private long _publishedOnConnection = -1;
    private DeviceKey? _signingKey;

    /// <summary>The version (entries' digest) last published; empty before the first.</summary>
    public string PublishedVersion { get; private set; } = "";

    public long Published => Interlocked.Read(ref _published);

    public IReadOnlyDictionary<string, long> RefusedByReason
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_refused, StringComparer.Ordinal);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.File.Length == 0)
        {
            return;
        }

        // Validated at start (WatchListOptions): present, P-256, private.
        if (!DeviceKey.TryLoad(o.SigningKeyPath, out _signingKey, out var keyError))
        {
            LogRefused(log, o.SigningKeyPath, "signing-key", keyError);
            return;
        }

        using var timer = new PeriodicTimer(o.CheckInterval, time);
        try
        {
            do
            {
                if (session.IsConnected)
                {
                    await PublishIfChangedAsync(o.File, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _signingKey.Dispose();
        }
    }

    internal async Task PublishIfChangedAsync(string path, CancellationToken ct)
    {
        if (_signingKey is null)
        {
            return;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (IOException ex)
        {
            Refuse("unreadable", ex.Message, path, "");
            return;
        }

        var fileHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // Republished after a reconnect as well: a broker that lost its state must not leave the fleet without a list.
        var connection = session.Reconnects;
        if ((fileHash == _publishedFileHash && connection == _publishedOnConnection) || fileHash == _refusedFileHash)
        {
            return;
        }

        if (!WatchListWire.TryParseFile(bytes, out var file, out var reason, out var detail))
        {
            Refuse(reason, detail, path, fileHash);
            return;
        }

        var message = WatchListSignature.Sign(WatchListWire.Create(file.Entries, time.GetUtcNow()), _signingKey);
        if (await session.TryPublishAsync(Topics.WatchList, WatchListWire.Serialize(message), retain: true, ct))
        {
            _publishedFileHash = fileHash;
            _publishedOnConnection = connection;
            PublishedVersion = message.Version;
            Interlocked.Increment(ref _published);
            LogPublished(log, message.Version, message.Entries.Count, Topics.WatchList);
        }
    }

    private void Refuse(string reason, string detail, string path, string fileHash)
    {
        _refusedFileHash = fileHash;
        lock (_gate)
        {
            _refused[reason] = _refused.GetValueOrDefault(reason) + 1;
        }

        LogRefused(log, path, reason, detail);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch list {Version} ({Entries} entries) published retained on {Topic}")]
    private static partial void LogPublished(ILogger log, string version, int entries, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch-list file {Path} refused ({Reason}: {Detail}); the last good list stays published")]
    private static partial void LogRefused(ILogger log, string path, string reason, string detail);
}
