using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// A package the unit's disk budget evicted before delivery, declared instead of silently missing: the package as
/// sealed, with its signed manifest and signature but without images (<c>"images":[]</c>). Its signature still proves
/// event id, sequence and chain link, so a verifier sees a declared gap that keeps the chain checkable.
/// </summary>
public static class EvictionNotice
{
    /// <summary>The notice for a sealed package (its wire bytes): same manifest and signature, no images.</summary>
    public static byte[] FromPackage(ReadOnlySpan<byte> packageBytes)
    {
        if (!WireJson.TryParsePackage(packageBytes, out var package, out var error))
        {
            throw new ArgumentException($"not a package: {error}", nameof(packageBytes));
        }

        return WireJson.Serialize(package with { Images = [] });
    }

    /// <summary>Checks a notice: canonical form, the device's signature, a valid manifest, and no images. A notice
    /// that passes has <see cref="PackageVerification.Failure"/> <see cref="VerificationFailure.None"/>.</summary>
    public static PackageVerification Verify(ReadOnlySpan<byte> noticeBytes, DeviceKey publicKey, string? expectedDeviceId)
    {
        var verified = EvidenceVerifier.Verify(noticeBytes, publicKey, expectedDeviceId);
        if (verified.Failure != VerificationFailure.ImageHash || verified.Package is not { Images.Count: 0 })
        {
            return verified.Failure == VerificationFailure.None
                ? verified with { Failure = VerificationFailure.Malformed, Reason = "an eviction notice carries no images" }
                : verified;
        }

        return verified with { Failure = VerificationFailure.None, Reason = string.Empty, Images = [] };
    }
}
