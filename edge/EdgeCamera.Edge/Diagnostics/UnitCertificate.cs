using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// The unit's own TLS certificate for the diagnostics page: ECDSA P-256, self-signed, created on first start and kept
/// (PFX with the key, owner-only; PEM of the certificate beside it, to check the fingerprint from a laptop).
/// Roadside units are offline, so no public CA can issue one; the technician trusts this one by its fingerprint.
/// </summary>
public static class UnitCertificate
{
    /// <summary>Ten years: about the service life of a roadside unit (our choice).</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    public static X509Certificate2 LoadOrCreate(string pfxPath, string deviceId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (File.Exists(pfxPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={deviceId}, O=EdgeCamera roadside unit", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // id-kp-serverAuth
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(deviceId);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now + Validity);

        var full = Path.GetFullPath(pfxPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var pfx = created.Export(X509ContentType.Pkcs12);
        File.WriteAllBytes(full, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(Path.ChangeExtension(full, ".pem"), created.ExportCertificatePem() + "\n");
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }
}
