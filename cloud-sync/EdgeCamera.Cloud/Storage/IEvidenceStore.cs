namespace EdgeCamera.Cloud.Storage;

/// <summary>Durable storage of received evidence. Implementations absorb duplicate event ids by a unique key, not by memory.</summary>
public interface IEvidenceStore
{
    /// <summary>Stores the record durably. False when a record with this event id, or this device's sequence number, is
    /// already stored (nothing changes).</summary>
    bool TryAdd(StoredEvidence evidence);

    StoredEvidence? Find(Guid eventId);

    /// <summary>The package a device sent under this sequence number, if stored.</summary>
    StoredEvidence? FindBySequence(string deviceId, long sequence);

    /// <summary>Records waiting to be forwarded, oldest first.</summary>
    IReadOnlyList<StoredEvidence> PendingForward(int max);

    void MarkForwarded(Guid eventId, string violationNumber, DateTime atUtc);

    void RecordForwardFailure(Guid eventId, string error);

    int Count();
}
