using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;

namespace EdgeCamera.Cloud.Central;

/// <summary>One verified, stored violation as central subscribers get it (JSON, camelCase; no images — they are at <see cref="PackageUrl"/>).</summary>
public sealed record CentralEvent(
    Guid EventId,
    string DeviceId,
    long Sequence,
    string Region,
    string SiteId,
    string ViolationTypeCode,
    string ViolationDescription,
    DateTimeOffset CapturedAtUtc,
    double LatitudeDeg,
    double LongitudeDeg,
    string Road,
    string Direction,
    string Plate,
    string PlateCountry,
    double PlateConfidence,
    IReadOnlyList<Measurement> Measurements,
    DateTime ReceivedAtUtc,
    string PackageUrl)
{
    public static CentralEvent From(EvidenceManifest m, DateTime receivedAtUtc) => new(
        m.EventId, m.DeviceId, m.Sequence, CentralTopics.RegionOf(m.SiteId), m.SiteId, m.Violation.TypeCode, m.Violation.Description,
        m.CapturedAtUtc, m.Location.LatitudeDeg, m.Location.LongitudeDeg, m.Location.Road, m.Location.Direction,
        m.Plate.Text, m.Plate.Country, m.Plate.Confidence, m.Violation.Measurements, receivedAtUtc, $"/api/v1/evidence/{m.EventId}/package");

    public string Topic => CentralTopics.Event(Region, DeviceId, ViolationTypeCode);
}
