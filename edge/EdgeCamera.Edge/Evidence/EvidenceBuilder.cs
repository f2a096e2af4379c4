using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Site;
using EdgeCamera.Vision;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Evidence;

/// <summary>Turns one vehicle's read into the evidence record that travels to the cloud.</summary>
public sealed class EvidenceBuilder(IOptions<DeviceOptions> device, IOptions<EvidenceOptions> evidence, TimeProvider time)
{
    private static readonly string SoftwareVersion =
        typeof(EvidenceBuilder).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public EvidenceRecord Build(VehicleRead read)
    {
        var d = device.Value;
        var e = evidence.Value;
        return new EvidenceRecord
        {
            // UUIDv7 from the read's time: ids sort in the order vehicles passed.
            EventId = Guid.CreateVersion7(time.GetUtcNow()),
            DeviceId = d.DeviceId,
            SiteId = d.SiteId,
            Location = new SiteLocation(d.LatitudeDeg, d.LongitudeDeg, d.Road, d.Direction),
            CapturedAtUtc = read.LastSeenUtc,
            Plate = new PlateObservation(read.Text, read.Country, Math.Round(read.Confidence, 4), read.Votes, read.Direction.ToString()),
            Violation = new ViolationInfo(e.ReadTypeCode, e.ReadDescription),
            Images =
            [
                EvidenceImage.Jpeg(EvidenceImage.FullFrame, read.BestFrameJpeg),
                EvidenceImage.Jpeg(EvidenceImage.PlateCrop, read.PlateCropJpeg),
            ],
            SoftwareVersion = SoftwareVersion,
        };
    }
}
