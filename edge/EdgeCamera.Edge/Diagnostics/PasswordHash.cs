using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// A salted slow hash of the technician's password: PBKDF2-HMAC-SHA256, 600,000 iterations, 16-byte salt, 32-byte key
/// (OWASP Password Storage Cheat Sheet, 2023 recommendation for PBKDF2-HMAC-SHA256). Stored as one line:
/// <c>pbkdf2-sha256$iterations$salt-base64$hash-base64</c>, so the iteration count can be raised later.
/// </summary>
public sealed record PasswordHash(int Iterations, byte[] Salt, byte[] Hash)
{
    /// <summary>OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA256 with 600,000 iterations.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Shortest password accepted by <c>set-password</c> (NIST SP 800-63B asks for at least 8; we ask 10).</summary>
    public const int MinimumLength = 10;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16; // NIST SP 800-132: at least 128 bits of salt.
    private const int HashBytes = 32; // SHA-256 output size.

    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    public bool Matches(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return CryptographicOperations.FixedTimeEquals(Derive(password, Salt, Iterations), Hash);
    }

    public string Format() =>
        string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(Salt), Convert.ToBase64String(Hash));

    public static bool TryParse(string text, out PasswordHash hash)
    {
        hash = null!;
        var parts = text.Trim().Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            hash = new PasswordHash(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
            return hash.Salt.Length > 0 && hash.Hash.Length == HashBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
