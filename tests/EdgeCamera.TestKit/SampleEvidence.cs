using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.TestKit;

/// <summary>Valid evidence records for tests, with small but real image bytes.</summary>
public static class SampleEvidence
{
    public static EvidenceRecord Create(string deviceId = "cam-test-01", string plate = "3903BSJ", DateTimeOffset? at = null)
    {
        var time = at ?? DateTimeOffset.UtcNow;
        var frame = new byte[2048];
        var crop = new byte[256];
        Random.Shared.NextBytes(frame);
        Random.Shared.NextBytes(crop);
        return new EvidenceRecord
        {
            EventId = Guid.CreateVersion7(time),
            DeviceId = deviceId,
            SiteId = "RUH-TEST-001",
            Location = new SiteLocation(24.7136, 46.6753, "King Fahd Road", "northbound"),
            CapturedAtUtc = time,
            Plate = new PlateObservation(plate, "SA", 0.93, 7, "Approaching"),
            Violation = new ViolationInfo("READ", "Plate read"),
            Images = [EvidenceImage.Jpeg(EvidenceImage.FullFrame, frame), EvidenceImage.Jpeg(EvidenceImage.PlateCrop, crop)],
            SoftwareVersion = "test",
        };
    }
}
