using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Contracts.Signing;

/// <summary>Why a package failed, as a short category a receiver counts.</summary>
public enum VerificationFailure
{
    None,

    /// <summary>Not a package: bad JSON, unknown or missing fields, oversized.</summary>
    Malformed,

    /// <summary>The signature is not the registered key's over these manifest bytes (forged or tampered manifest).</summary>
    Signature,

    /// <summary>Signed, but the manifest's content breaks the rules (wrong device, not canonical, bad ids).</summary>
    Invalid,

    /// <summary>An image is missing, extra, or its bytes do not match the manifest's SHA-256 (altered in transit).</summary>
    ImageHash,
}

/// <summary>The hash check of one image named by the manifest.</summary>
public sealed record ImageCheck(string Name, string ExpectedSha256, string? ActualSha256)
{
    public bool Ok => ActualSha256 == ExpectedSha256;
}

/// <summary>What <see cref="EvidenceVerifier"/> found about one package.</summary>
public sealed record PackageVerification(
    VerificationFailure Failure,
    string Reason,
    EvidencePackage? Package,
    EvidenceManifest? Manifest,
    string? ManifestSha256,
    IReadOnlyList<ImageCheck> Images)
{
    public bool Ok => Failure == VerificationFailure.None;

    /// <summary>True when the manifest's signature was checked and good (its event id and sequence can be trusted).</summary>
    public bool SignatureValid => Failure is VerificationFailure.None or VerificationFailure.Invalid or VerificationFailure.ImageHash;

    internal static PackageVerification Fail(VerificationFailure failure, string reason, EvidencePackage? package = null) =>
        new(failure, reason, package, null, null, []);
}
