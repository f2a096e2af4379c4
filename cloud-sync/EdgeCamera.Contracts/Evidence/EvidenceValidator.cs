using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Contracts.Mqtt;

namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// Checks a parsed record before anyone trusts it: schema version, ids, plate text, and that every image's bytes
/// hash to the SHA-256 the record states. Used by the receiver, and by tests on the device side.
/// </summary>
public static class EvidenceValidator
{
    public static bool TryValidate(EvidenceRecord record, string topicDeviceId, [NotNullWhen(false)] out string? reason)
    {
        reason = Check(record, topicDeviceId);
        return reason is null;
    }

    private static string? Check(EvidenceRecord r, string topicDeviceId)
    {
        if (r.SchemaVersion != EvidenceRecord.CurrentSchemaVersion)
        {
            return $"unsupported schema version {r.SchemaVersion}";
        }

        if (r.EventId == Guid.Empty || r.EventId.Version != 7)
        {
            return "event id is not a UUIDv7";
        }

        if (!Topics.IsValidId(r.DeviceId) || r.DeviceId != topicDeviceId)
        {
            return $"device id '{r.DeviceId}' does not match topic device '{topicDeviceId}'";
        }

        if (string.IsNullOrWhiteSpace(r.SiteId))
        {
            return "site id missing";
        }

        if (r.Plate is null || string.IsNullOrEmpty(r.Plate.Text) || r.Plate.Text.Length > 16 || !r.Plate.Text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return "plate text is not canonical (A-Z, 0-9, 1-16 characters)";
        }

        if (r.Violation is null || string.IsNullOrWhiteSpace(r.Violation.TypeCode))
        {
            return "violation type code missing";
        }

        if (r.Images is null || r.Images.Count == 0)
        {
            return "no images";
        }

        foreach (var image in r.Images)
        {
            if (image.Data is null || image.Data.Length == 0)
            {
                return $"image '{image.Name}' is empty";
            }

            if (!string.Equals(ImageHash.Sha256Hex(image.Data), image.Sha256Hex, StringComparison.Ordinal))
            {
                return $"image '{image.Name}' does not match its SHA-256";
            }
        }

        return null;
    }
}
