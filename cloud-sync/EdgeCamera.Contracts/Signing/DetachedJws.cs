using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// ES256 JSON Web Signature with detached payload (RFC 7515 §7.1 compact form, appendix F): the signature travels as
/// <c>BASE64URL(header) + ".." + BASE64URL(signature)</c> and the payload (the canonical manifest) beside it. The
/// signing input is <c>ASCII(BASE64URL(header) + "." + BASE64URL(payload))</c>; the signature is the 64-byte
/// r‖s form of RFC 7518 §3.4, which is what .NET's <see cref="ECDsa.SignData(byte[], HashAlgorithmName)"/> produces.
/// </summary>
public static class DetachedJws
{
    public const string Algorithm = "ES256";

    public static string Sign(ReadOnlySpan<byte> payload, DeviceKey key)
    {
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new JwsHeader(Algorithm, key.Fingerprint), WireJsonContext.Default.JwsHeader));
        var signature = key.Key.SignData(SigningInput(header, payload), HashAlgorithmName.SHA256);
        return header + ".." + Base64Url.EncodeToString(signature);
    }

    /// <summary>True when <paramref name="jws"/> is an ES256 signature of <paramref name="payload"/> by <paramref name="key"/>.</summary>
    public static bool TryVerify(string jws, ReadOnlySpan<byte> payload, DeviceKey key, out string error)
    {
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            error = "signature is not a detached JWS (header..signature)";
            return false;
        }

        if (!TryReadHeader(parts[0], out var header, out error))
        {
            return false;
        }

        if (header.Alg != Algorithm)
        {
            error = $"signature algorithm '{header.Alg}' is not {Algorithm}";
            return false;
        }

        if (header.Kid is not null && header.Kid != key.Fingerprint)
        {
            error = $"signed with key {header.Kid}, expected the device's key {key.Fingerprint}";
            return false;
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            error = "signature is not base64url";
            return false;
        }

        if (Base64Url.EncodeToString(signature) != parts[2])
        {
            error = "signature is not in canonical base64url";
            return false;
        }

        if (!key.Key.VerifyData(SigningInput(parts[0], payload), signature, HashAlgorithmName.SHA256))
        {
            error = "signature does not match the manifest";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static byte[] SigningInput(string encodedHeader, ReadOnlySpan<byte> payload) =>
        Encoding.ASCII.GetBytes(encodedHeader + "." + Base64Url.EncodeToString(payload));

    private static bool TryReadHeader(string encoded, out JwsHeader header, out string error)
    {
        header = new JwsHeader(string.Empty, null);
        try
        {
            // Unknown members (crit, b64, …) are refused: we understand exactly alg and kid.
            var bytes = Base64Url.DecodeFromChars(encoded);
            header = JsonSerializer.Deserialize(bytes, WireJsonContext.Default.JwsHeader) ?? header;
            error = Base64Url.EncodeToString(bytes) == encoded ? string.Empty : "signature header is not in canonical base64url";
            return error.Length == 0;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            error = $"signature header unreadable: {ex.Message}";
            return false;
        }
    }
}

/// <summary>The JWS protected header we write and accept: <c>{"alg":"ES256","kid":"&lt;key fingerprint&gt;"}</c>.</summary>
public sealed record JwsHeader(string Alg, string? Kid);
