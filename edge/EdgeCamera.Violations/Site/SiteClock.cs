namespace EdgeCamera.Violations.Site;

/// <summary>The site's local time, for weekly schedules and calibration dates.</summary>
public sealed class SiteClock
{
    private readonly TimeZoneInfo _zone;

    public SiteClock(SiteOptions site)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(site.TimeZoneId);
    }

    public DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, _zone).DateTime;

    public DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc));
}
