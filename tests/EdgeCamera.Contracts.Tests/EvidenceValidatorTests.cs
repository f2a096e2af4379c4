using EdgeCamera.Contracts.Evidence;
using EdgeCamera.TestKit;

namespace EdgeCamera.Contracts.Tests;

public sealed class EvidenceValidatorTests
{
    private static EvidenceManifest Sealed(string deviceId = "cam-7")
    {
        using var device = new TestDevice(deviceId);
        return device.Next().Manifest;
    }

    [Fact]
    public void A_complete_manifest_from_the_topic_device_is_valid()
    {
        Assert.True(EvidenceValidator.TryValidate(Sealed("cam-7"), "cam-7", out var reason), reason);
    }

    [Fact]
    public void A_manifest_claiming_another_device_than_its_topic_is_rejected()
    {
        Assert.False(EvidenceValidator.TryValidate(Sealed("cam-1"), "cam-2", out var reason));
        Assert.Contains("does not match topic", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3903 BSJ")]
    [InlineData("3903bsj")]
    [InlineData("")]
    public void Plate_text_must_be_canonical(string plate)
    {
        var manifest = Sealed() with { Plate = new PlateObservation(plate, "SA", 0.9, 3, "Approaching") };

        Assert.False(EvidenceValidator.TryValidate(manifest, manifest.DeviceId, out _));
    }

    [Fact]
    public void An_event_id_that_is_not_a_uuid_v7_is_rejected()
    {
        var manifest = Sealed() with { EventId = Guid.NewGuid() };

        Assert.False(EvidenceValidator.TryValidate(manifest, manifest.DeviceId, out var reason));
        Assert.Contains("UUIDv7", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_that_never_took_its_place_in_a_chain_is_not_a_valid_manifest()
    {
        var draft = SampleEvidence.Create("cam-7").Manifest;

        Assert.False(EvidenceValidator.TryValidate(draft, "cam-7", out var reason));
        Assert.Contains("sequence", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_sequence_one_may_name_the_genesis_hash_as_its_predecessor()
    {
        var manifest = Sealed() with { Sequence = 5 };

        Assert.False(EvidenceValidator.TryValidate(manifest, manifest.DeviceId, out var reason));
        Assert.Contains("previous manifest hash", reason, StringComparison.Ordinal);
    }
}
