using EdgeCamera.Contracts.Evidence;
using EdgeCamera.TestKit;

namespace EdgeCamera.Contracts.Tests;

public sealed class EvidenceValidatorTests
{
    [Fact]
    public void A_complete_record_from_the_topic_device_is_valid()
    {
        var record = SampleEvidence.Create("cam-7");

        Assert.True(EvidenceValidator.TryValidate(record, "cam-7", out var reason), reason);
    }

    [Fact]
    public void An_image_altered_after_hashing_is_rejected()
    {
        var record = SampleEvidence.Create();
        record.Images[0].Data[10] ^= 0xFF;

        Assert.False(EvidenceValidator.TryValidate(record, record.DeviceId, out var reason));
        Assert.Contains("SHA-256", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_claiming_another_device_than_its_topic_is_rejected()
    {
        var record = SampleEvidence.Create("cam-1");

        Assert.False(EvidenceValidator.TryValidate(record, "cam-2", out var reason));
        Assert.Contains("does not match topic", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3903 BSJ")]
    [InlineData("3903bsj")]
    [InlineData("")]
    public void Plate_text_must_be_canonical(string plate)
    {
        var record = SampleEvidence.Create() with { Plate = new PlateObservation(plate, "SA", 0.9, 3, "Approaching") };

        Assert.False(EvidenceValidator.TryValidate(record, record.DeviceId, out _));
    }

    [Fact]
    public void An_event_id_that_is_not_a_uuid_v7_is_rejected()
    {
        var record = SampleEvidence.Create() with { EventId = Guid.NewGuid() };

        Assert.False(EvidenceValidator.TryValidate(record, record.DeviceId, out var reason));
        Assert.Contains("UUIDv7", reason, StringComparison.Ordinal);
    }
}
