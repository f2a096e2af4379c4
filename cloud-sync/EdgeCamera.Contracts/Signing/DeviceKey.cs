using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// A device's ECDSA P-256 key (FIPS 186-5, curve secp256r1), private on the unit, public in the cloud's registry and
/// with the objections office. PEM in both directions: PKCS#8 ("PRIVATE KEY") and SubjectPublicKeyInfo ("PUBLIC KEY").
/// The fingerprint is the lower-case hex SHA-256 of the DER SubjectPublicKeyInfo; it is the JWS <c>kid</c>.
/// </summary>
public sealed class DeviceKey : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7"; // RFC 5480 §2.1.1.1, secp256r1

    private DeviceKey(ECDsa key, bool hasPrivateKey)
    {
        Key = key;
        HasPrivateKey = hasPrivateKey;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public ECDsa Key { get; }

    public bool HasPrivateKey { get; }

    public string Fingerprint { get; }

    public static DeviceKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), hasPrivateKey: true);

    /// <summary>Reads a PEM holding either a PKCS#8 private key or a public key; refuses any curve but P-256.</summary>
    public static bool TryFromPem(string pem, [NotNullWhen(true)] out DeviceKey? key, out string error)
    {
        key = null;
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            if (ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256Oid)
            {
                ecdsa.Dispose();
                error = "key is not on curve P-256";
                return false;
            }

            key = new DeviceKey(ecdsa, pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal));
            error = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            error = $"not an EC key in PEM form: {ex.Message}";
            return false;
        }
    }

    public static bool TryLoad(string path, [NotNullWhen(true)] out DeviceKey? key, out string error)
    {
        key = null;
        if (!File.Exists(path))
        {
            error = $"key file '{path}' not found";
            return false;
        }

        if (!TryFromPem(File.ReadAllText(path), out key, out var pemError))
        {
            error = $"key file '{path}': {pemError}";
            return false;
        }

        error = string.Empty;
        return true;
    }

    public string ExportPrivateKeyPem() =>
        HasPrivateKey ? Key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException("this is a public key only");

    public string ExportPublicKeyPem() => Key.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => Key.Dispose();
}
