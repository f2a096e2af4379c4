namespace EdgeCamera.Contracts.National;

/// <summary>The notice the national system sends the vehicle's owner (as the Kuwaiti, Saudi and Mauritanian portals do).</summary>
public sealed record Notice(
    string ViolationNumber,
    Guid EventId,
    string ViolationTypeCode,
    string ViolationDescriptionEn,
    string ViolationDescriptionAr,
    DateTimeOffset OccurredAtUtc,
    string Location,
    string PlateText,
    string PlateCountry,
    decimal Amount,
    string Currency,
    string PaymentLink,
    string ObjectionLink,
    string EvidenceReference,
    DateTimeOffset IssuedAtUtc);
