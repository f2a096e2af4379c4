using System.Globalization;
using System.Text;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Contracts.WatchList;

/// <summary>
/// The cloud's signature of a watch-list message: an ES256 detached JWS (<see cref="DetachedJws"/>, as evidence is
/// signed) by the cloud's watch-list key, over a canonical text of everything the message says, independent of how its
/// JSON is written: <c>edgecam-watchlist LF schemaVersion LF version LF issuedAtUtc (ISO 8601 "O", UTC) LF
/// hex SHA-256 of the entry lines (<see cref="WatchListWire.EntriesHash"/>) LF</c>, UTF-8. The full entries hash is
/// signed, not the 128-bit <see cref="WatchListMessage.Version"/> alone. Verification never throws: it returns false
/// with a reason code (<c>unsigned</c>, <c>signature</c>) and a detail.
/// </summary>
public static class WatchListSignature
{
    public static WatchListMessage Sign(WatchListMessage message, DeviceKey cloudKey)
    {
        if (!cloudKey.HasPrivateKey)
        {
            throw new ArgumentException("the watch-list signing key is a public key only", nameof(cloudKey));
        }

        return message with { Signature = DetachedJws.Sign(SigningInput(message), cloudKey) };
    }

    /// <summary>True when <paramref name="message"/> carries a signature of its content by <paramref name="cloudKey"/>.</summary>
    public static bool TryVerify(WatchListMessage message, DeviceKey cloudKey, out string reason, out string detail)
    {
        if (string.IsNullOrEmpty(message.Signature))
        {
            (reason, detail) = ("unsigned", "the list carries no signature");
            return false;
        }

        if (!DetachedJws.TryVerify(message.Signature, SigningInput(message), cloudKey, out var error))
        {
            (reason, detail) = ("signature", $"{error} (cloud key SHA256:{cloudKey.Fingerprint})");
            return false;
        }

        (reason, detail) = ("", "");
        return true;
    }

    public static byte[] SigningInput(WatchListMessage message) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"edgecam-watchlist\n{message.SchemaVersion}\n{message.Version}\n{message.IssuedAtUtc.ToUniversalTime():O}\n{Convert.ToHexStringLower(WatchListWire.EntriesHash(message.Entries))}\n"));
}
