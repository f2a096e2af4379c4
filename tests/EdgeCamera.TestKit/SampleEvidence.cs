using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.TestKit;

/// <summary>Valid evidence drafts for tests, with small but real image bytes (sealed and signed by <see cref="TestDevice"/>).</summary>
public static class SampleEvidence
{
    public static EvidenceDraft Create(string deviceId = "cam-test-01", string plate = "3903BSJ", DateTimeOffset? at = null)
    {
        var time = at ?? DateTimeOffset.UtcNow;
        var frame = new byte[2048];
        var crop = new byte[256];
        Random.Shared.NextBytes(frame);
        Random.Shared.NextBytes(crop);
        var manifest = new EvidenceManifest
        {
            EventId = Guid.CreateVersion7(time),
            DeviceId = deviceId,
            SiteId = "RUH-TEST-001",
            Location = new SiteLocation(24.7136, 46.6753, "King Fahd Road", "northbound"),
            CapturedAtUtc = time,
            Clock = new ClockSyncState("ntp", 1.5, WithinTolerance: true),
            Plate = new PlateObservation(plate, "SA", 0.93, 7, "Approaching"),
            Violation = new ViolationInfo("READ", "Plate read"),
            Software = new SoftwareInfo("test", [new ModelVersion("plate-reader", "test-1")]),
            Images = [],
        };
        return EvidenceDraft.Create(manifest, [new PackageImage(EvidenceImage.FullFrame, frame), new PackageImage(EvidenceImage.PlateCrop, crop)]);
    }
}
