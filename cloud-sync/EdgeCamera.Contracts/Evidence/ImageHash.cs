using System.Security.Cryptography;

namespace EdgeCamera.Contracts.Evidence;

/// <summary>SHA-256 of image bytes, as lower-case hex (FIPS 180-4).</summary>
public static class ImageHash
{
    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
