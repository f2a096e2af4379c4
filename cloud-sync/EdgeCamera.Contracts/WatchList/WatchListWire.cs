using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCamera.Contracts.WatchList;

/// <summary>
/// The watch list's JSON form (camelCase, unknown fields rejected) and its checks. Parsing never throws: it returns
/// false with a short reason code (<c>oversized</c>, <c>malformed</c>, <c>schema</c>, <c>too-many</c>, <c>entry</c>,
/// <c>digest</c>) and a detail, so the receiver can count and log it.
/// </summary>
public static class WatchListWire
{
    /// <summary>Largest list message accepted: 200 000 entries of ~60 bytes (a national hot list is tens of thousands).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public const int MaxEntries = 200_000;

    public static byte[] Serialize(WatchListMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, WatchListJsonContext.Default.WatchListMessage);

    /// <summary>A message for <paramref name="entries"/>: versioned by their digest, stamped <paramref name="issuedAtUtc"/>.</summary>
    public static WatchListMessage Create(IReadOnlyList<WatchListEntryWire> entries, DateTimeOffset issuedAtUtc) =>
        new(WatchListMessage.CurrentSchemaVersion, Digest(entries), issuedAtUtc, entries);

    /// <summary>"sha256:" and the first 32 hex digits of SHA-256 over the entries, one line each
    /// (<c>plate TAB country TAB list TAB reason LF</c>, UTF-8, in the order given).</summary>
    public static string Digest(IReadOnlyList<WatchListEntryWire> entries) =>
        "sha256:" + Convert.ToHexStringLower(EntriesHash(entries))[..32];

    /// <summary>The full SHA-256 of the entry lines <see cref="Digest"/> abbreviates (what the signature covers).</summary>
    public static byte[] EntriesHash(IReadOnlyList<WatchListEntryWire> entries)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in entries)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{e.Plate}\t{e.Country}\t{e.List}\t{e.Reason}\n"));
        }

        return sha.GetHashAndReset();
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out WatchListMessage? message, out string reason, out string detail)
    {
        message = null;
        if (!TryDeserialize(utf8, WatchListJsonContext.Default.WatchListMessage, out var parsed, out reason, out detail))
        {
            return false;
        }

        if (parsed.SchemaVersion != WatchListMessage.CurrentSchemaVersion)
        {
            return Fail("schema", $"schema version {parsed.SchemaVersion}, expected {WatchListMessage.CurrentSchemaVersion}", out reason, out detail);
        }

        if (!TryValidateEntries(parsed.Entries, out reason, out detail))
        {
            return false;
        }

        var digest = Digest(parsed.Entries);
        if (!string.Equals(digest, parsed.Version, StringComparison.Ordinal))
        {
            return Fail("digest", $"version {parsed.Version} does not match the entries' digest {digest}", out reason, out detail);
        }

        message = parsed;
        return true;
    }

    /// <summary>Reads the cloud's watch-list file (same entry checks as the message).</summary>
    public static bool TryParseFile(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out WatchListFile? file, out string reason, out string detail)
    {
        if (!TryDeserialize(utf8, WatchListJsonContext.Default.WatchListFile, out file, out reason, out detail))
        {
            return false;
        }

        if (!TryValidateEntries(file.Entries, out reason, out detail))
        {
            file = null;
            return false;
        }

        return true;
    }

    /// <summary>Plates 1–16 of A-Z and 0-9 (canonical: no spaces or dashes); country null or two capitals; list and
    /// reason 1–100 and 0–200 characters.</summary>
    public static bool TryValidateEntries(IReadOnlyList<WatchListEntryWire>? entries, out string reason, out string detail)
    {
        if (entries is null)
        {
            return Fail("malformed", "no entries", out reason, out detail);
        }

        if (entries.Count > MaxEntries)
        {
            return Fail("too-many", $"{entries.Count} entries, at most {MaxEntries}", out reason, out detail);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e is null || string.IsNullOrEmpty(e.Plate) || e.Plate.Length > 16 || !e.Plate.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            {
                return Fail("entry", $"entries[{i}]: plate must be 1-16 of A-Z, 0-9", out reason, out detail);
            }

            if (e.Country is { } country && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
            {
                return Fail("entry", $"entries[{i}]: country must be two capitals (ISO 3166) or null", out reason, out detail);
            }

            if (string.IsNullOrEmpty(e.List) || e.List.Length > 100 || e.Reason is null || e.Reason.Length > 200)
            {
                return Fail("entry", $"entries[{i}]: list must be 1-100 characters, reason at most 200", out reason, out detail);
            }
        }

        reason = detail = string.Empty;
        return true;
    }

    private static bool TryDeserialize<T>(ReadOnlySpan<byte> utf8, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, [NotNullWhen(true)] out T? value, out string reason, out string detail)
        where T : class
    {
        value = null;
        if (utf8.IsEmpty || utf8.Length > MaxBytes)
        {
            return Fail(utf8.IsEmpty ? "malformed" : "oversized", $"{utf8.Length} bytes (1 to {MaxBytes})", out reason, out detail);
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8, type);
        }
        catch (JsonException ex)
        {
            return Fail("malformed", ex.Message, out reason, out detail);
        }

        if (value is null)
        {
            return Fail("malformed", "JSON null", out reason, out detail);
        }

        reason = detail = string.Empty;
        return true;
    }

    private static bool Fail(string code, string why, out string reason, out string detail)
    {
        reason = code;
        detail = why;
        return false;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(WatchListMessage))]
[JsonSerializable(typeof(WatchListFile))]
internal sealed partial class WatchListJsonContext : JsonSerializerContext;
