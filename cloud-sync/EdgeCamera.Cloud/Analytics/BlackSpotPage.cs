using System.Globalization;
using System.Net;
using System.Text;

namespace EdgeCamera.Cloud.Analytics;

/// <summary>The black-spot report as one self-contained page: two bar charts drawn as inline SVG, a table.</summary>
public static class BlackSpotPage
{
    private const int BarWidthPx = 480;

    public static string Render(BlackSpotReport r)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Black spots</title><style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem}
            svg text{font-size:12px}</style></head><body><h1>Black spots</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>{r.Total} violation(s) captured {r.FromUtc:yyyy-MM-dd HH:mm} – {r.ToUtc:yyyy-MM-dd HH:mm} UTC. JSON: <a href=\"/api/v1/analytics/blackspots\">/api/v1/analytics/blackspots</a></p>");
        html.Append("<h2>Top sites</h2>");
        html.Append(HorizontalBars([.. r.TopSites.Select(s => (s.SiteId, s.Count))]));
        html.Append("<h2>By hour of day (UTC)</h2>");
        html.Append(HourColumns(r.ByHourOfDayUtc));
        html.Append("<h2>By type</h2><table><tr><th>Type</th><th>Count</th></tr>");
        foreach (var (type, count) in r.ByType)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(type)}</td><td>{count}</td></tr>");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static string HorizontalBars(IReadOnlyList<(string Label, int Count)> rows)
    {
        const int RowPx = 22;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Violations per site\" width=\"{BarWidthPx + 260}\" height=\"{Math.Max(1, rows.Count) * RowPx}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var w = (int)Math.Round((double)rows[i].Count / max * BarWidthPx);
            var y = i * RowPx;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{E(rows[i].Label)}</text><rect class=\"bar\" x=\"200\" y=\"{y + 3}\" width=\"{w}\" height=\"{RowPx - 6}\" fill=\"#c0392b\"/><text x=\"{205 + w}\" y=\"{y + 15}\">{rows[i].Count}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string HourColumns(IReadOnlyList<int> byHour)
    {
        const int HeightPx = 120;
        const int ColumnPx = 24;
        var max = Math.Max(1, byHour.Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Violations by hour of day\" width=\"{24 * ColumnPx}\" height=\"{HeightPx + 20}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var h = 0; h < byHour.Count; h++)
        {
            var bar = (int)Math.Round((double)byHour[h] / max * HeightPx);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{h * ColumnPx + 2}\" y=\"{HeightPx - bar}\" width=\"{ColumnPx - 4}\" height=\"{bar}\" fill=\"#2c3e50\"><title>{h:D2}:00 {byHour[h]}</title></rect><text x=\"{h * ColumnPx + 4}\" y=\"{HeightPx + 14}\">{h:D2}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
