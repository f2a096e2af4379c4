using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// Checks one package against the device's public key: the wire form, the ES256 signature over the manifest bytes as
/// received, the manifest's content, and every image's SHA-256. Used by the cloud's intake and by <c>edgecam verify</c>.
/// Chain continuity across packages is <see cref="ChainVerifier"/>'s.
/// </summary>
public static class EvidenceVerifier
{
    /// <param name="expectedDeviceId">The device the package must be from (the MQTT topic's); null to accept the manifest's.</param>
    public static PackageVerification Verify(ReadOnlySpan<byte> packageBytes, DeviceKey publicKey, string? expectedDeviceId)
    {
        if (!WireJson.TryParsePackage(packageBytes, out var package, out var parseError))
        {
            return PackageVerification.Fail(VerificationFailure.Malformed, parseError);
        }

        if (!CanonicalWireForm.Matches(packageBytes, package))
        {
            // One package, one byte form: no second spelling (base64 slack bits, escapes, spacing) passes as the same.
            return PackageVerification.Fail(VerificationFailure.Malformed, "package is not in canonical wire form", package);
        }

        if (package.SchemaVersion != EvidenceManifest.CurrentSchemaVersion)
        {
            return PackageVerification.Fail(VerificationFailure.Malformed, $"unsupported schema version {package.SchemaVersion}", package);
        }

        if (!DetachedJws.TryVerify(package.Signature, package.Manifest, publicKey, out var signatureError))
        {
            return PackageVerification.Fail(VerificationFailure.Signature, signatureError, package);
        }

        var manifestSha = CanonicalManifest.Sha256Hex(package.Manifest);
        if (!CanonicalManifest.TryParse(package.Manifest, out var manifest, out var manifestError))
        {
            return new(VerificationFailure.Invalid, manifestError, package, null, manifestSha, []);
        }

        if (!EvidenceValidator.TryValidate(manifest, expectedDeviceId, out var invalid))
        {
            return new(VerificationFailure.Invalid, invalid, package, manifest, manifestSha, []);
        }

        var checks = CheckImages(manifest, package);
        var failure = package.Images.Count != manifest.Images.Count || package.Images.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() != package.Images.Count
            ? "images beside the manifest are not exactly the ones it lists"
            : checks.FirstOrDefault(c => !c.Ok) is { } bad
                ? $"image '{bad.Name}' does not match its SHA-256"
                : null;
        return failure is null
            ? new(VerificationFailure.None, string.Empty, package, manifest, manifestSha, checks)
            : new(VerificationFailure.ImageHash, failure, package, manifest, manifestSha, checks);
    }

    private static List<ImageCheck> CheckImages(EvidenceManifest manifest, EvidencePackage package)
    {
        var checks = new List<ImageCheck>(manifest.Images.Count);
        foreach (var listed in manifest.Images)
        {
            var bytes = package.Images.FirstOrDefault(i => i.Name == listed.Name)?.Data;
            checks.Add(new ImageCheck(listed.Name, listed.Sha256Hex, bytes is null ? null : ImageHash.Sha256Hex(bytes)));
        }

        return checks;
    }
}
