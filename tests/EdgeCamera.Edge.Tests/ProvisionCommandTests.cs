using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Commands;

namespace EdgeCamera.Edge.Tests;

public sealed class ProvisionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-provision-").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Provision_writes_a_p256_private_key_readable_by_the_owner_only_and_prints_the_public_key_and_fingerprint()
    {
        var keyPath = Path.Combine(_dir, "keys", "device-key.pem");
        var publicPath = Path.Combine(_dir, "registry", "cam-1.pub.pem");
        var output = new StringWriter();

        var exit = ProvisionCommand.Run(["--key", keyPath, "--public-key", publicPath], output);

        Assert.Equal(0, exit);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        Assert.True(DeviceKey.TryLoad(keyPath, out var privateKey, out var error), error);
        Assert.True(DeviceKey.TryLoad(publicPath, out var publicKey, out error), error);
        using (privateKey)
        using (publicKey)
        {
            Assert.True(privateKey.HasPrivateKey);
            Assert.Equal(privateKey.Fingerprint, publicKey.Fingerprint);
            Assert.Contains($"SHA256:{privateKey.Fingerprint}", output.ToString(), StringComparison.Ordinal);
            Assert.Contains(publicKey.ExportPublicKeyPem(), output.ToString(), StringComparison.Ordinal);
        }

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyPath), StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Provision_refuses_to_replace_an_existing_key_unless_forced()
    {
        var keyPath = Path.Combine(_dir, "device-key.pem");
        Assert.Equal(0, ProvisionCommand.Run(["--key", keyPath], new StringWriter()));
        var first = File.ReadAllText(keyPath);
        var output = new StringWriter();

        Assert.Equal(1, ProvisionCommand.Run(["--key", keyPath], output));
        Assert.Equal(first, File.ReadAllText(keyPath));
        Assert.Contains("--force", output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, ProvisionCommand.Run(["--key", keyPath, "--force"], new StringWriter()));
        Assert.NotEqual(first, File.ReadAllText(keyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
