using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Contracts.Mqtt;

namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// Checks a manifest's content before anyone trusts it: schema version, ids, chain fields, plate text, clock state and
/// the image list. Signature and image bytes are checked by <see cref="Signing.EvidenceVerifier"/>.
/// </summary>
public static class EvidenceValidator
{
    /// <param name="expectedDeviceId">The device the package must come from (the topic's, or the key's); null to skip.</param>
    public static bool TryValidate(EvidenceManifest manifest, string? expectedDeviceId, [NotNullWhen(false)] out string? reason)
    {
        reason = Check(manifest, expectedDeviceId);
        return reason is null;
    }

    private static string? Check(EvidenceManifest m, string? expectedDeviceId)
    {
        if (m.SchemaVersion != EvidenceManifest.CurrentSchemaVersion)
        {
            return $"unsupported schema version {m.SchemaVersion}";
        }

        if (m.EventId == Guid.Empty || m.EventId.Version != 7)
        {
            return "event id is not a UUIDv7";
        }

        if (!Topics.IsValidId(m.DeviceId) || (expectedDeviceId is not null && m.DeviceId != expectedDeviceId))
        {
            return $"device id '{m.DeviceId}' does not match topic device '{expectedDeviceId}'";
        }

        if (m.Sequence < 1)
        {
            return $"sequence {m.Sequence} is not positive";
        }

        if (!IsSha256Hex(m.PreviousManifestSha256) || (m.Sequence == 1) != (m.PreviousManifestSha256 == ChainLink.GenesisSha256))
        {
            return "previous manifest hash is not 64 lower-case hex digits (all zeros exactly for sequence 1)";
        }

        if (string.IsNullOrWhiteSpace(m.SiteId))
        {
            return "site id missing";
        }

        if (m.Clock is null || string.IsNullOrWhiteSpace(m.Clock.Source))
        {
            return "clock sync state missing";
        }

        if (m.Plate is null || string.IsNullOrEmpty(m.Plate.Text) || m.Plate.Text.Length > 16 || !m.Plate.Text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return "plate text is not canonical (A-Z, 0-9, 1-16 characters)";
        }

        if (m.Plate.Confidence is < 0 or > 1)
        {
            return "plate confidence outside 0-1";
        }

        if (m.Violation is null || string.IsNullOrWhiteSpace(m.Violation.TypeCode))
        {
            return "violation type code missing";
        }

        if (m.Images is null || m.Images.Count == 0)
        {
            return "no images";
        }

        if (m.Images.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() != m.Images.Count)
        {
            return "two images share a name";
        }

        return m.Images.FirstOrDefault(i => !IsSha256Hex(i.Sha256Hex) || i.ByteLength <= 0) is { } bad
            ? $"image '{bad.Name}' has no valid SHA-256 or length"
            : null;
    }

    private static bool IsSha256Hex(string? hex) =>
        hex is { Length: 64 } && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
