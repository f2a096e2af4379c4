using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Devices;

/// <summary>
/// The registry as a folder of <c>{deviceId}.pub.pem</c> files. A key is read on first use and kept; a device not
/// (yet) registered is looked up again on its next message, so registering a device needs no restart. Replacing a
/// device's key file needs a restart (keys are kept once read).
/// </summary>
public sealed partial class PublicKeyDirectoryRegistry(IOptions<DevicesOptions> options, ILogger<PublicKeyDirectoryRegistry> log) : IDeviceRegistry, IDisposable
{
    private readonly ConcurrentDictionary<string, DeviceKey> _keys = new(StringComparer.Ordinal);

    public bool TryGetKey(string deviceId, [NotNullWhen(true)] out DeviceKey? key)
    {
        if (_keys.TryGetValue(deviceId, out key))
        {
            return true;
        }

        // The id comes from a topic: it is checked before it names a file, so it cannot climb out of the folder.
        if (!Topics.IsValidId(deviceId))
        {
            return false;
        }

        var path = Path.Combine(options.Value.PublicKeyDirectory, deviceId + ".pub.pem");
        if (!File.Exists(path))
        {
            return false;
        }

        if (!DeviceKey.TryLoad(path, out var loaded, out var error))
        {
            LogBadKey(log, path, error);
            return false;
        }

        key = _keys.GetOrAdd(deviceId, loaded);
        if (!ReferenceEquals(key, loaded))
        {
            loaded.Dispose();
        }

        LogRegistered(log, deviceId, key.Fingerprint);
        return true;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} registered with key SHA256:{Fingerprint}")]
    private static partial void LogRegistered(ILogger log, string deviceId, string fingerprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unusable public key file {Path}: {Error}")]
    private static partial void LogBadKey(ILogger log, string path, string error);
}
