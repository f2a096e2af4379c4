using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.National;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Contracts;

/// <summary>
/// The one JSON form of every message on the wire: camelCase names, enums as strings, byte arrays as base64.
/// Parsing never throws on bad input: it returns false with a reason the receiver can count.
/// </summary>
public static class WireJson
{
    /// <summary>Largest evidence message we accept (bytes). Matches <c>message_size_limit</c> in the broker config we ship.</summary>
    public const int MaxEvidenceBytes = 8 * 1024 * 1024; // 1080p JPEG frame ≈ 0.3–0.6 MB measured; base64 adds a third; 8 MB leaves room for several frames.

    public static byte[] Serialize(EvidencePackage package) =>
        JsonSerializer.SerializeToUtf8Bytes(package, WireJsonContext.Default.EvidencePackage);

    public static byte[] Serialize(EvidenceAck ack) =>
        JsonSerializer.SerializeToUtf8Bytes(ack, WireJsonContext.Default.EvidenceAck);

    public static bool TryParsePackage(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out EvidencePackage? package, out string error) =>
        TryParse(utf8, WireJsonContext.Default.EvidencePackage, out package, out error);

    /// <summary>
    /// The canonical manifest bytes of a package without decoding its images: for the cloud's forwarder, which needs
    /// only the manifest of a package intake has already verified (parsing the whole 628 KB package decoded ~470 KB of
    /// images per forward). Checks nothing else; false with a reason when there is no manifest to read.
    /// </summary>
    public static bool TryReadManifest(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out byte[]? manifest, out string error)
    {
        manifest = null;
        if (utf8.IsEmpty)
        {
            error = "empty payload";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "payload is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isManifest = reader.ValueTextEquals("manifest"u8);
                reader.Read();
                if (isManifest && reader.TokenType == JsonTokenType.String)
                {
                    manifest = reader.GetBytesFromBase64();
                    error = string.Empty;
                    return true;
                }

                reader.Skip(); // images stay undecoded
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            error = $"malformed JSON: {ex.Message}";
            return false;
        }

        error = "package has no manifest";
        return false;
    }

    public static byte[] Serialize(ResendRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, WireJsonContext.Default.ResendRequest);

    public static bool TryParseResendRequest(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out ResendRequest? request, out string error) =>
        TryParse(utf8, WireJsonContext.Default.ResendRequest, out request, out error);

    public static bool TryParseAck(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out EvidenceAck? ack, out string error) =>
        TryParse(utf8, WireJsonContext.Default.EvidenceAck, out ack, out error);

    private static bool TryParse<T>(ReadOnlySpan<byte> utf8, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, [NotNullWhen(true)] out T? value, out string error)
        where T : class
    {
        value = null;
        if (utf8.IsEmpty)
        {
            error = "empty payload";
            return false;
        }

        if (utf8.Length > MaxEvidenceBytes)
        {
            error = $"payload of {utf8.Length} bytes exceeds {MaxEvidenceBytes}";
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8, type);
        }
        catch (JsonException ex)
        {
            error = $"malformed JSON: {ex.Message}";
            return false;
        }

        if (value is null)
        {
            error = "payload is JSON null";
            return false;
        }

        error = string.Empty;
        return true;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(EvidencePackage))]
[JsonSerializable(typeof(JwsHeader))]
[JsonSerializable(typeof(EvidenceAck))]
[JsonSerializable(typeof(ResendRequest))]
[JsonSerializable(typeof(ViolationIntake))]
[JsonSerializable(typeof(IntakeReceipt))]
[JsonSerializable(typeof(Notice))]
[JsonSerializable(typeof(IReadOnlyList<Notice>))]
public sealed partial class WireJsonContext : JsonSerializerContext;
