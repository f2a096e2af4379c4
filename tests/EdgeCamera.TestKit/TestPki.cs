using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeCamera.TestKit;

/// <summary>
/// A test's own certificate authority (ECDSA P-256, made with <see cref="CertificateRequest"/>), writing PEM files
/// Mosquitto and <c>MqttSessionOptions.Tls*File</c> read: the CA certificate, the broker's certificate for 127.0.0.1,
/// and client certificates whose CN is the MQTT client id (Mosquitto's <c>use_identity_as_username</c>).
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public TestPki(string directory, string name = "EdgeCamera Test CA")
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        CaFile = Path.Combine(directory, "ca.crt");
        File.WriteAllText(CaFile, _ca.ExportCertificatePem() + "\n");
    }

    public string Directory { get; }

    /// <summary>PEM of the CA certificate (Mosquitto's <c>cafile</c>, the client's <c>TlsCaFile</c>).</summary>
    public string CaFile { get; }

    /// <summary>The broker's certificate for 127.0.0.1 and localhost: (certificate PEM, key PEM) paths.</summary>
    public (string CertFile, string KeyFile) IssueServer(string name = "broker") =>
        Issue(name, "127.0.0.1", serverAuth: true);

    /// <summary>A client certificate whose CN is <paramref name="clientId"/>: (certificate PEM, key PEM) paths.</summary>
    public (string CertFile, string KeyFile) IssueClient(string clientId) => Issue(clientId, clientId, serverAuth: false);

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
    }

    private (string CertFile, string KeyFile) Issue(string fileName, string commonName, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false)); // id-kp-serverAuth / id-kp-clientAuth (RFC 5280 §4.2.1.12)
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // A positive serial number (RFC 5280 §4.1.2.2).
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        var certFile = Path.Combine(Directory, fileName + ".crt");
        var keyFile = Path.Combine(Directory, fileName + ".key");
        File.WriteAllText(certFile, issued.ExportCertificatePem() + "\n");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(keyFile, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            writer.Write('\n');
        }

        return (certFile, keyFile);
    }
}
