namespace EdgeCamera.Contracts.National;

/// <summary>
/// What the cloud sends to the national system's intake API (POST /api/v1/violations, header Idempotency-Key = event id).
/// Fields follow the notices the ministries send to drivers: type, date and time, location, plate, evidence reference.
/// Documented in cloud-sync/docs/national-intake.md.
/// </summary>
public sealed record ViolationIntake(
    Guid EventId,
    string DeviceId,
    string SiteId,
    string ViolationTypeCode,
    DateTimeOffset OccurredAtUtc,
    double LatitudeDeg,
    double LongitudeDeg,
    string Road,
    string Direction,
    string PlateText,
    string PlateCountry,
    string EvidenceReference);
