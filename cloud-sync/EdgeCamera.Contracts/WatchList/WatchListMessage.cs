namespace EdgeCamera.Contracts.WatchList;

/// <summary>
/// The fleet's watch list, published by the cloud RETAINED on <see cref="Mqtt.Topics.WatchList"/> (QoS 1), so a unit
/// that connects gets the current list at once. A device replaces its whole list with it, or keeps the one it had when
/// the message fails <see cref="WatchListWire.TryParse"/>. <see cref="Version"/> is the digest of the entries
/// (<see cref="WatchListWire.Digest"/>): a device checks it (integrity) and ignores a list it already holds;
/// <see cref="IssuedAtUtc"/> orders versions (an older one is refused). <see cref="Signature"/> is the cloud's ES256
/// signature of all of it (<see cref="WatchListSignature"/>): a device applies only a list its configured cloud key
/// signed, since anyone who can publish on the broker could otherwise replace the fleet's list.
/// Schema 2 added the signature (schema 1 lists were unsigned).
/// </summary>
public sealed record WatchListMessage(int SchemaVersion, string Version, DateTimeOffset IssuedAtUtc, IReadOnlyList<WatchListEntryWire> Entries, string? Signature = null)
{
    public const int CurrentSchemaVersion = 2;
}
