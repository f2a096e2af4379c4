using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Analytics;

/// <summary>Violations in a period: by site, by type, by hour of day (UTC), the hourly series and the top sites.</summary>
public sealed record BlackSpotReport(
    DateTime FromUtc,
    DateTime ToUtc,
    int Total,
    IReadOnlyList<SiteCount> TopSites,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyList<int> ByHourOfDayUtc,
    IReadOnlyList<HourlyCount> Hourly)
{
    /// <summary>Longest period one report covers (a year): the hourly series stays a few thousand rows per site and type.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public static BlackSpotReport From(IReadOnlyList<HourlyCount> hourly, DateTime fromUtc, DateTime toUtc, int top)
    {
        var sites = hourly
            .GroupBy(h => h.SiteId, StringComparer.Ordinal)
            .Select(g => new SiteCount(
                g.Key,
                g.Sum(h => h.Count),
                g.GroupBy(h => h.ViolationTypeCode, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Sum(h => h.Count), StringComparer.Ordinal)))
            .OrderByDescending(s => s.Count).ThenBy(s => s.SiteId, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        var byType = hourly
            .GroupBy(h => h.ViolationTypeCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Count), StringComparer.Ordinal);
        var byHour = new int[24];
        foreach (var h in hourly)
        {
            byHour[h.HourUtc.Hour] += h.Count;
        }

        return new BlackSpotReport(fromUtc, toUtc, hourly.Sum(h => h.Count), sites, byType, byHour, hourly);
    }
}

public sealed record SiteCount(string SiteId, int Count, IReadOnlyDictionary<string, int> ByType);
