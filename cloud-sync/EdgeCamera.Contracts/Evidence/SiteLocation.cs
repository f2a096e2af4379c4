namespace EdgeCamera.Contracts.Evidence;

/// <summary>Where the camera stands: WGS-84 degrees, road name and the direction of travel it watches.</summary>
public sealed record SiteLocation(double LatitudeDeg, double LongitudeDeg, string Road, string Direction);
