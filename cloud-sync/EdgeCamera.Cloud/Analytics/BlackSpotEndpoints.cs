using System.Globalization;
using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Analytics;

/// <summary>
/// Black spots: <c>GET /api/v1/analytics/blackspots?fromUtc=…&amp;toUtc=…&amp;top=10</c> (JSON, default the last 7 days)
/// and <c>GET /analytics/blackspots</c> (the same as a page with inline SVG charts, no scripts or CDN).
/// </summary>
public static class BlackSpotEndpoints
{
    private const int DefaultTop = 10;
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapBlackSpots(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/analytics/blackspots", (DateTime? fromUtc, DateTime? toUtc, int? top, IEvidenceStore store, TimeProvider time) =>
            TryReport(fromUtc, toUtc, top, store, time, out var report, out var error) ? Results.Ok(report) : Results.BadRequest(new { error }));
        app.MapGet("/analytics/blackspots", (DateTime? fromUtc, DateTime? toUtc, int? top, IEvidenceStore store, TimeProvider time) =>
            TryReport(fromUtc, toUtc, top, store, time, out var report, out var error)
                ? Results.Content(BlackSpotPage.Render(report), "text/html; charset=utf-8")
                : Results.BadRequest(new { error }));
        return app;
    }

    public static bool TryReport(DateTime? fromUtc, DateTime? toUtc, int? top, IEvidenceStore store, TimeProvider time, out BlackSpotReport report, out string error)
    {
        var to = Utc(toUtc) ?? time.GetUtcNow().UtcDateTime;
        var from = Utc(fromUtc) ?? to - DefaultPeriod;
        var n = top ?? DefaultTop;
        report = null!;
        error = from >= to ? "fromUtc must be before toUtc"
            : to - from > BlackSpotReport.MaxPeriod ? string.Create(CultureInfo.InvariantCulture, $"the period is at most {BlackSpotReport.MaxPeriod.TotalDays:F0} days")
            : n is < 1 or > 100 ? "top must be 1-100"
            : string.Empty;
        if (error.Length > 0)
        {
            return false;
        }

        report = BlackSpotReport.From(store.CountByHour(from, to), from, to, n);
        return true;
    }

    private static DateTime? Utc(DateTime? t) => t is not { } v ? null
        : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc);
}
