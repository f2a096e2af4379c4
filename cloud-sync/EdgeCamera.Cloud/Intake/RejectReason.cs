namespace EdgeCamera.Cloud.Intake;

/// <summary>The categories rejections are counted under (<see cref="IntakeMetrics"/>, <c>/api/v1/intake/stats</c>).</summary>
public static class RejectReason
{
    /// <summary>Not an evidence topic of a valid device id.</summary>
    public const string Topic = "topic";

    /// <summary>Larger than <c>WireJson.MaxEvidenceBytes</c>.</summary>
    public const string Oversized = "oversized";

    /// <summary>No public key registered for the topic's device.</summary>
    public const string UnknownDevice = "unknown-device";

    /// <summary>Not a package in canonical wire form.</summary>
    public const string Malformed = "malformed";

    /// <summary>The signature is not the registered key's over the manifest: forged or tampered.</summary>
    public const string Signature = "signature";

    /// <summary>An image's bytes do not match the signed manifest's SHA-256 (altered in transit).</summary>
    public const string ImageHash = "image-hash";

    /// <summary>Signed, but the manifest breaks the rules (another device's id, bad ids, not canonical).</summary>
    public const string Invalid = "invalid";

    /// <summary>The device's sequence number was already used by another event.</summary>
    public const string Replayed = "replayed";

    /// <summary>The previous-manifest hash does not link to the stored neighbour (a forked chain).</summary>
    public const string Chain = "chain";

    /// <summary>An eviction notice that is not the device's signed manifest without images.</summary>
    public const string EvictionNotice = "eviction-notice";
}
