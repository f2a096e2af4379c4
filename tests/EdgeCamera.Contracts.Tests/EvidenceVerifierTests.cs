using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.TestKit;

namespace EdgeCamera.Contracts.Tests;

public sealed class EvidenceVerifierTests
{
    [Fact]
    public void A_package_sealed_by_the_device_verifies_against_its_public_key()
    {
        using var device = new TestDevice("cam-1");
        var sealedPackage = device.Next();
        using var publicKey = PublicKeyOf(device);

        var result = EvidenceVerifier.Verify(sealedPackage.WireBytes, publicKey, "cam-1");

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(sealedPackage.Manifest.EventId, result.Manifest!.EventId);
        Assert.Equal(sealedPackage.Link.ManifestSha256, result.ManifestSha256);
        Assert.All(result.Images, i => Assert.True(i.Ok));
        Assert.Equal([EvidenceImage.FullFrame, EvidenceImage.PlateCrop], result.Images.Select(i => i.Name));
    }

    [Theory]
    [InlineData("a space after the opening brace")]
    [InlineData("an escaped character in the signature")]
    [InlineData("an image name far longer once escaped")]
    public void A_package_spelled_other_than_its_canonical_wire_form_is_refused_as_malformed(string respelling)
    {
        using var device = new TestDevice("cam-1");
        var json = System.Text.Encoding.UTF8.GetString(device.Next().WireBytes);
        using var publicKey = PublicKeyOf(device);
        var signatureStart = json.IndexOf("\"signature\":\"", StringComparison.Ordinal) + "\"signature\":\"".Length;
        var respelled = respelling switch
        {
            "a space after the opening brace" => json.Insert(1, " "),
            "an escaped character in the signature" => json[..signatureStart] + $"\\u{(int)json[signatureStart]:X4}" + json[(signatureStart + 1)..],
            // 2,000 raw "é" (2 bytes each) are written back as "\u00E9" (6 bytes): 8,000 bytes longer than received.
            _ => json.Replace($"\"{EvidenceImage.PlateCrop}\"", $"\"{new string('é', 2000)}\"", StringComparison.Ordinal),
        };
        Assert.NotEqual(json, respelled);
        Assert.True(WireJson.TryParsePackage(System.Text.Encoding.UTF8.GetBytes(respelled), out _, out var parseError), parseError);

        var result = EvidenceVerifier.Verify(System.Text.Encoding.UTF8.GetBytes(respelled), publicKey, "cam-1");

        Assert.Equal(VerificationFailure.Malformed, result.Failure);
        Assert.Contains("canonical wire form", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipping_any_single_byte_of_a_package_makes_verification_fail()
    {
        using var device = new TestDevice("cam-1");
        var original = device.Next().WireBytes;
        using var publicKey = PublicKeyOf(device);
        var passed = new List<int>();

        for (var i = 0; i < original.Length; i++)
        {
            var copy = (byte[])original.Clone();
            copy[i] ^= 0x01;
            if (EvidenceVerifier.Verify(copy, publicKey, "cam-1").Ok)
            {
                passed.Add(i);
            }
        }

        Assert.True(original.Length > 2048, "the package should carry the images");
        Assert.Empty(passed);
    }

    [Fact]
    public void A_changed_plate_in_the_manifest_breaks_the_signature()
    {
        using var device = new TestDevice("cam-1");
        var sealedPackage = device.Next(plate: "1111AAA");
        using var publicKey = PublicKeyOf(device);
        Assert.True(WireJson.TryParsePackage(sealedPackage.WireBytes, out var package, out _));
        var forgedManifest = CanonicalManifest.Serialize(sealedPackage.Manifest with { Plate = sealedPackage.Manifest.Plate with { Text = "2222BBB" } });
        var forged = WireJson.Serialize(package with { Manifest = forgedManifest });

        var result = EvidenceVerifier.Verify(forged, publicKey, "cam-1");

        Assert.Equal(VerificationFailure.Signature, result.Failure);
    }

    [Fact]
    public void A_package_signed_by_another_key_is_refused_naming_both_keys()
    {
        using var device = new TestDevice("cam-1");
        using var impostor = new TestDevice("cam-1");
        using var registered = PublicKeyOf(device);

        var result = EvidenceVerifier.Verify(impostor.Next().WireBytes, registered, "cam-1");

        Assert.Equal(VerificationFailure.Signature, result.Failure);
        Assert.Contains(registered.Fingerprint, result.Reason, StringComparison.Ordinal);
        Assert.Contains(impostor.Key.Fingerprint, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_replaced_in_transit_is_named_while_the_signature_stays_valid()
    {
        using var device = new TestDevice("cam-1");
        using var publicKey = PublicKeyOf(device);
        Assert.True(WireJson.TryParsePackage(device.Next().WireBytes, out var package, out _));
        var swapped = WireJson.Serialize(package with { Images = [package.Images[0], new PackageImage(EvidenceImage.PlateCrop, new byte[300])] });

        var result = EvidenceVerifier.Verify(swapped, publicKey, "cam-1");

        Assert.Equal(VerificationFailure.ImageHash, result.Failure);
        Assert.True(result.SignatureValid);
        Assert.Equal([true, false], result.Images.Select(i => i.Ok));
    }

    [Fact]
    public void A_public_key_pem_round_trips_with_the_same_fingerprint_and_refuses_other_curves()
    {
        using var device = new TestDevice("cam-1");

        Assert.True(DeviceKey.TryFromPem(device.Key.ExportPublicKeyPem(), out var publicKey, out var error), error);
        using (publicKey)
        {
            Assert.False(publicKey.HasPrivateKey);
            Assert.Equal(device.Key.Fingerprint, publicKey.Fingerprint);
        }

        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        Assert.False(DeviceKey.TryFromPem(p384.ExportSubjectPublicKeyInfoPem(), out _, out error));
        Assert.Contains("P-256", error, StringComparison.Ordinal);
    }

    private static DeviceKey PublicKeyOf(TestDevice device) =>
        DeviceKey.TryFromPem(device.Key.ExportPublicKeyPem(), out var key, out var error) ? key : throw new InvalidOperationException(error);
}
