using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Cloud.WatchList;

/// <summary>
/// <c>edgecam-cloud watchlist-key --key PATH [--public-key PATH] [--force]</c>: creates the cloud's watch-list signing
/// key pair (ECDSA P-256), as <c>edgecam provision</c> creates a unit's. The private key (PKCS#8 PEM, mode 0600) is
/// what <c>WatchList:SigningKeyPath</c> names; the public key (PEM, printed and optionally written) goes to every unit
/// as <c>WatchList:CloudPublicKeyPath</c>. An existing key is never replaced without <c>--force</c>: the fleet would
/// refuse every list until each unit has the new public key.
/// </summary>
public static class WatchListKeyCommand
{
    public const string Name = "watchlist-key";
    private const string Usage = "usage: edgecam-cloud watchlist-key --key PATH [--public-key PATH] [--force]";

    /// <summary>Exit code 0 when written, 1 when a key exists (no --force), 2 on bad arguments.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        string? keyPath = null;
        string? publicPath = null;
        var force = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--key" when i + 1 < args.Length:
                    keyPath = args[++i];
                    break;
                case "--public-key" when i + 1 < args.Length:
                    publicPath = args[++i];
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    output.WriteLine($"unknown argument '{args[i]}'");
                    output.WriteLine(Usage);
                    return 2;
            }
        }

        if (keyPath is null)
        {
            output.WriteLine(Usage);
            return 2;
        }

        if (File.Exists(keyPath) && !force)
        {
            output.WriteLine($"refusing to overwrite the existing key '{Path.GetFullPath(keyPath)}': units verify lists against its public key. Use --force to replace it (then give every unit the new public key).");
            return 1;
        }

        using var key = DeviceKey.Generate();
        PrivateKeyFile.Write(keyPath, key.ExportPrivateKeyPem());
        var publicPem = key.ExportPublicKeyPem();
        if (publicPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(publicPath))!);
            File.WriteAllText(publicPath, publicPem + "\n");
        }

        output.WriteLine($"private key: {Path.GetFullPath(keyPath)} (PKCS#8 PEM, P-256, mode 0600): the cloud's WatchList:SigningKeyPath");
        if (publicPath is not null)
        {
            output.WriteLine($"public key:  {Path.GetFullPath(publicPath)}");
        }

        output.WriteLine($"fingerprint: SHA256:{key.Fingerprint} (the JWS kid of each signed list)");
        output.WriteLine("give every unit this public key as WatchList:CloudPublicKeyPath:");
        output.WriteLine(publicPem);
        return 0;
    }
}
