namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// What the intake needs to place one package in its device's chain, read at once: the record already stored under
/// the package's event id (a duplicate), and the device's records at the package's sequence number and its two
/// neighbours. Their <see cref="StoredEvidence.Payload"/> may be left empty.
/// </summary>
public sealed record ChainView(StoredEvidence? SameEvent, StoredEvidence? Previous, StoredEvidence? SameSequence, StoredEvidence? Next);
