using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Site;
using EdgeCamera.Vision;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Evidence;

/// <summary>
/// Turns one vehicle's read into an evidence draft: the manifest (without its place in the chain, which the outbox
/// gives it when it stores and signs it) and the JPEG images.
/// </summary>
public sealed class EvidenceBuilder(IOptions<DeviceOptions> device, IOptions<EvidenceOptions> evidence, IClockSyncSource clock, TimeProvider time, ReadingModels models)
{
    private static readonly string SoftwareVersion =
        typeof(EvidenceBuilder).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>A draft for a plain read (type <see cref="EvidenceOptions.ReadTypeCode"/>).</summary>
    public EvidenceDraft Build(VehicleRead read, Guid? eventId = null) =>
        Build(read, new ViolationInfo(evidence.Value.ReadTypeCode, evidence.Value.ReadDescription), eventId);

    /// <summary>A draft for a read the violation rules judged: their type, lane, calibration and measurements.
    /// <paramref name="eventId"/>: the id given to the vehicle when its read was decided (a UUIDv7); null: a new one.</summary>
    public EvidenceDraft Build(VehicleRead read, ViolationInfo violation, Guid? eventId = null)
    {
        var d = device.Value;
        var manifest = new EvidenceManifest
        {
            // UUIDv7 from the read's time: ids sort in the order vehicles passed.
            EventId = eventId ?? Guid.CreateVersion7(time.GetUtcNow()),
            DeviceId = d.DeviceId,
            SiteId = d.SiteId,
            Location = new SiteLocation(d.LatitudeDeg, d.LongitudeDeg, d.Road, d.Direction),
            CapturedAtUtc = read.LastSeenUtc,
            Clock = clock.Current(),
            Plate = new PlateObservation(read.Text, read.Country, Math.Round(read.Confidence, 4), read.Votes, read.Direction.ToString())
            {
                // the Arabic half as read, in Arabic script: beside `text`, the objections office sees whether the
                // plate's two halves say the same
                TextArabic = read.ArabicScript,
            },
            Violation = violation,
            Software = new SoftwareInfo(SoftwareVersion, models.Models),
            Images = [],
        };
        return EvidenceDraft.Create(manifest, [new PackageImage(EvidenceImage.FullFrame, read.BestFrameJpeg), new PackageImage(EvidenceImage.PlateCrop, read.PlateCropJpeg)]);
    }
}
