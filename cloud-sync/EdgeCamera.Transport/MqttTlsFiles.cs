using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeCamera.Transport;

/// <summary>
/// The TLS material of one MQTT client, read from PEM files: the CA that must have issued the broker's certificate
/// (trusted for this connection only, not added to the machine's store) and this client's certificate with its key.
/// </summary>
public sealed class MqttTlsFiles : IDisposable
{
    private MqttTlsFiles(X509Certificate2 authority, X509Certificate2 client)
    {
        Authority = authority;
        Client = client;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Client { get; }

    /// <summary>Reads and checks the three files; false with a reason a technician can act on.</summary>
    public static bool TryLoad(MqttSessionOptions options, [NotNullWhen(true)] out MqttTlsFiles? files, out string error)
    {
        files = null;
        if (options.TlsCaFile is not { } caPath || options.TlsClientCertificateFile is not { } certPath || options.TlsClientKeyFile is not { } keyPath)
        {
            error = "Broker TLS needs all of TlsCaFile, TlsClientCertificateFile and TlsClientKeyFile";
            return false;
        }

        foreach (var (name, path) in new[] { ("TlsCaFile", caPath), ("TlsClientCertificateFile", certPath), ("TlsClientKeyFile", keyPath) })
        {
            if (!File.Exists(path))
            {
                error = $"Broker:{name} '{Path.GetFullPath(path)}' does not exist";
                return false;
            }
        }

        X509Certificate2? authority = null;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(caPath);
            var client = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (!client.HasPrivateKey)
            {
                client.Dispose();
                throw new CryptographicException("the key file holds no private key for the certificate");
            }

            files = new MqttTlsFiles(authority, client);
            error = string.Empty;
            return true;
        }
        catch (CryptographicException ex)
        {
            authority?.Dispose();
            error = $"Broker TLS files do not parse as PEM certificate/key ('{caPath}', '{certPath}', '{keyPath}'): {ex.Message}";
            return false;
        }
    }

    /// <summary>True when the broker's certificate chains to <see cref="Authority"/> and carries the expected name.</summary>
    public bool IsTrustedBroker(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var presented = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // No CRL/OCSP endpoint on a private MQTT CA.
        return chain.Build(presented);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Client.Dispose();
    }
}
