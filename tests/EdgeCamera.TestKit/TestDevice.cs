using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.TestKit;

/// <summary>A roadside unit in a test: its own P-256 key and hash chain; signs sample evidence as the edge would.</summary>
public sealed class TestDevice(string deviceId) : IDisposable
{
    public string DeviceId { get; } = deviceId;

    public DeviceKey Key { get; } = DeviceKey.Generate();

    /// <summary>The end of this device's chain: what the next package links to.</summary>
    public ChainLink Chain { get; private set; } = ChainLink.Genesis;

    /// <summary>Signs the next package of the chain (a fresh sample unless <paramref name="draft"/> is given).</summary>
    public SealedPackage Next(EvidenceDraft? draft = null, string plate = "3903BSJ")
    {
        var sealedPackage = EvidenceSealer.Seal(draft ?? SampleEvidence.Create(DeviceId, plate), Chain, Key);
        Chain = sealedPackage.Link;
        return sealedPackage;
    }

    /// <summary>Registers the public key the way the cloud reads it: <c>{directory}/{deviceId}.pub.pem</c>.</summary>
    public string RegisterIn(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, DeviceId + ".pub.pem");
        File.WriteAllText(path, Key.ExportPublicKeyPem());
        return path;
    }

    /// <summary>Writes the private key (mode 0600) where the edge worker's Signing:PrivateKeyPath points.</summary>
    public string WritePrivateKey(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        using var writer = new StreamWriter(file);
        writer.Write(Key.ExportPrivateKeyPem());
        return path;
    }

    public void Dispose() => Key.Dispose();
}
