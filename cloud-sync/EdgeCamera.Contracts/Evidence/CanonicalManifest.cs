using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// The one byte form of a manifest, the bytes that are hashed into the chain and signed: UTF-8 JSON without
/// whitespace, camelCase names in declaration order, every property present (null written as <c>null</c>), times as
/// <see cref="UtcMillisecondsConverter"/> writes them, numbers in shortest round-trip form, and every character outside
/// printable ASCII or HTML-sensitive escaped as <c>\uXXXX</c> (System.Text.Json's default encoder), so the bytes are
/// pure ASCII. Described for third parties in cloud-sync/docs/evidence-package.md.
/// </summary>
public static class CanonicalManifest
{
    public static byte[] Serialize(EvidenceManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.EvidenceManifest);

    /// <summary>Lower-case hex SHA-256 of the canonical bytes: what the next package names as its predecessor.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> canonicalBytes) => Convert.ToHexStringLower(SHA256.HashData(canonicalBytes));

    /// <summary>Parses manifest bytes, refusing unknown or missing fields, duplicate names and any byte form other than
    /// the canonical one (so one manifest has exactly one signed spelling).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out EvidenceManifest? manifest, out string error)
    {
        manifest = null;
        try
        {
            manifest = JsonSerializer.Deserialize(utf8, ManifestJsonContext.Default.EvidenceManifest);
        }
        catch (JsonException ex)
        {
            error = $"manifest is not valid: {ex.Message}";
            return false;
        }

        if (manifest is null)
        {
            error = "manifest is JSON null";
            return false;
        }

        if (!utf8.SequenceEqual(Serialize(manifest)))
        {
            manifest = null;
            error = "manifest is not in canonical form";
            return false;
        }

        error = string.Empty;
        return true;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(EvidenceManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
