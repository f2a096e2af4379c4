using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.TestKit;

/// <summary>The cloud's watch-list signing key in a test, written as <c>edgecam-cloud watchlist-key</c> writes it: the
/// private key (mode 0600) for the cloud's <c>WatchList:SigningKeyPath</c>, the public key for the units'
/// <c>WatchList:CloudPublicKeyPath</c>.</summary>
public sealed record CloudWatchListKey(string PrivateKeyPath, string PublicKeyPath)
{
    /// <summary>The cloud's command-line setting.</summary>
    public string CloudArg => $"--WatchList:SigningKeyPath={PrivateKeyPath}";

    /// <summary>The edge's command-line setting.</summary>
    public string EdgeArg => $"--WatchList:CloudPublicKeyPath={PublicKeyPath}";

    public static CloudWatchListKey Create(string directory)
    {
        using var key = DeviceKey.Generate();
        var privatePath = Path.Combine(directory, "cloud-watchlist-key.pem");
        var publicPath = Path.Combine(directory, "cloud-watchlist.pub.pem");
        PrivateKeyFile.Write(privatePath, key.ExportPrivateKeyPem());
        File.WriteAllText(publicPath, key.ExportPublicKeyPem() + "\n");
        return new CloudWatchListKey(privatePath, publicPath);
    }
}
