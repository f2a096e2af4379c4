namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// Evidence as the device builds it, before it takes its place in the device's chain: the manifest without sequence
/// number or previous hash, and the image bytes. <see cref="Signing.EvidenceSealer"/> turns it into a signed package.
/// </summary>
public sealed record EvidenceDraft(EvidenceManifest Manifest, IReadOnlyList<PackageImage> Images)
{
    public Guid EventId => Manifest.EventId;

    /// <summary>A draft whose manifest lists exactly these images, with their hashes.</summary>
    public static EvidenceDraft Create(EvidenceManifest manifest, IReadOnlyList<PackageImage> images) =>
        new(manifest with { Images = [.. images.Select(i => EvidenceImage.Describe(i))] }, images);
}
