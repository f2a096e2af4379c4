namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// One evidence package, the unit that travels and is kept (wire schema version 2): the canonical manifest bytes
/// exactly as signed, the detached JWS signature over them, and the images. Serialised by <see cref="WireJson"/> as one
/// JSON object (byte arrays as base64). A reader verifies <see cref="Manifest"/> as received and never re-serialises it.
/// </summary>
public sealed record EvidencePackage
{
    public int SchemaVersion { get; init; } = EvidenceManifest.CurrentSchemaVersion;

    /// <summary>UTF-8 canonical manifest (see <see cref="CanonicalManifest"/>), base64 on the wire.</summary>
    public required byte[] Manifest { get; init; }

    /// <summary>JWS compact serialisation with detached payload (RFC 7515 appendix F): <c>header..signature</c>.</summary>
    public required string Signature { get; init; }

    public required IReadOnlyList<PackageImage> Images { get; init; }
}
