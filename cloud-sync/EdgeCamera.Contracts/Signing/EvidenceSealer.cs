using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// Gives a draft its place in the device's chain and signs it: sequence = previous + 1, previous hash = the previous
/// manifest's SHA-256, canonical bytes, ES256 detached JWS, and the wire message. The caller persists the result and
/// the new chain end in one transaction (the edge's outbox does).
/// </summary>
public static class EvidenceSealer
{
    public static SealedPackage Seal(EvidenceDraft draft, ChainLink previous, DeviceKey key)
    {
        if (!key.HasPrivateKey)
        {
            throw new ArgumentException("sealing needs the device's private key", nameof(key));
        }

        var manifest = draft.Manifest with { Sequence = previous.Sequence + 1, PreviousManifestSha256 = previous.ManifestSha256 };
        var manifestBytes = CanonicalManifest.Serialize(manifest);
        var package = new EvidencePackage
        {
            Manifest = manifestBytes,
            Signature = DetachedJws.Sign(manifestBytes, key),
            Images = draft.Images,
        };
        var wire = WireJson.Serialize(package);
        if (wire.Length > WireJson.MaxEvidenceBytes)
        {
            throw new ArgumentException($"evidence package of {wire.Length} bytes exceeds {WireJson.MaxEvidenceBytes}: lower Evidence:JpegQuality", nameof(draft));
        }

        return new SealedPackage(manifest, new ChainLink(manifest.Sequence, CanonicalManifest.Sha256Hex(manifestBytes)), wire);
    }
}

/// <summary>A signed package: its manifest, the chain end it makes, and the bytes that travel and are kept.</summary>
public sealed record SealedPackage(EvidenceManifest Manifest, ChainLink Link, byte[] WireBytes);
