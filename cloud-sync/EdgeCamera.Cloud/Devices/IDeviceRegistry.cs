using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Cloud.Devices;

/// <summary>Which devices exist and the public key each signs with.</summary>
public interface IDeviceRegistry
{
    /// <summary>The registered public key of <paramref name="deviceId"/>; false for a device nobody registered.</summary>
    bool TryGetKey(string deviceId, [NotNullWhen(true)] out DeviceKey? key);
}
