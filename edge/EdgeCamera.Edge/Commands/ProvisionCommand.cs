using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Evidence;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// <c>edgecam provision [--key PATH] [--public-key PATH] [--force]</c>: creates this unit's ECDSA P-256 key pair. The
/// private key (PKCS#8 PEM) is written with mode 0600 where <c>Signing:PrivateKeyPath</c> points; the public key (PEM)
/// and its fingerprint are printed for registration with the cloud (<c>Devices:PublicKeyDirectory/{deviceId}.pub.pem</c>)
/// and optionally written to a file. An existing key is never replaced without <c>--force</c>: packages already signed
/// with it would no longer verify against a newly registered key.
/// </summary>
public static class ProvisionCommand
{
    private const string Usage = "usage: edgecam provision [--key PATH] [--public-key PATH] [--force]";

    public static int Run(string[] args, TextWriter output)
    {
        var keyPath = new SigningOptions().PrivateKeyPath;
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

        if (File.Exists(keyPath) && !force)
        {
            output.WriteLine($"refusing to overwrite the existing key '{Path.GetFullPath(keyPath)}': packages signed with it verify only against its public key. Use --force to replace it (then register the new public key).");
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

        output.WriteLine($"private key: {Path.GetFullPath(keyPath)} (PKCS#8 PEM, P-256, mode 0600)");
        if (publicPath is not null)
        {
            output.WriteLine($"public key:  {Path.GetFullPath(publicPath)}");
        }

        output.WriteLine($"fingerprint: SHA256:{key.Fingerprint} (SHA-256 of the SubjectPublicKeyInfo; the JWS kid)");
        output.WriteLine("register this public key with the cloud as Devices:PublicKeyDirectory/<deviceId>.pub.pem:");
        output.WriteLine(publicPem);
        output.WriteLine("MQTT over TLS: this key signs evidence only. The broker connection needs a client certificate with");
        output.WriteLine("CN=<deviceId> from the operator's MQTT CA (CSR: openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256");
        output.WriteLine("-nodes -keyout mqtt-client.key -subj /CN=<deviceId> -out mqtt-client.csr); key mode 0600; set Broker:TlsCaFile,");
        output.WriteLine("Broker:TlsClientCertificateFile, Broker:TlsClientKeyFile (cloud-sync/docs/wire-format.md, \"TLS and certificates\").");
        return 0;
    }
}
