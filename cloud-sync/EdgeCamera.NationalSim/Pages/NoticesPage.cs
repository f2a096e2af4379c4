using System.Globalization;
using System.Net;
using System.Text;
using EdgeCamera.Contracts.National;

namespace EdgeCamera.NationalSim.Pages;

/// <summary>A plain page listing the notices as a driver would receive them (refreshes every 5 s).</summary>
public static class NoticesPage
{
    public static void MapNoticesPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", (Intake.NoticeRegistry registry) => Results.Content(Render(registry.All()), "text/html; charset=utf-8")).ExcludeFromDescription();

    public static string Render(IReadOnlyList<Notice> notices)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>National traffic system (stand-in): notices</title>
            <style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .5rem}
            th{background:#eee}.ar{direction:rtl}</style></head><body>
            <h1>National traffic system — stand-in</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>{notices.Count} notice(s). JSON: <a href=\"/api/v1/notices\">/api/v1/notices</a></p>");
        html.Append("<table><tr><th>Violation no.</th><th>Type</th><th>Date and time (UTC)</th><th>Location</th><th>Plate</th><th>Amount</th><th>Pay</th><th>Object</th></tr>");
        foreach (var n in notices.Reverse())
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{E(n.ViolationNumber)}</td><td>{E(n.ViolationTypeCode)} — {E(n.ViolationDescriptionEn)}<br><span class="ar">{E(n.ViolationDescriptionAr)}</span></td>
                <td>{n.OccurredAtUtc:yyyy-MM-dd HH:mm:ss}</td><td>{E(n.Location)}</td><td><b>{E(n.PlateText)}</b> ({E(n.PlateCountry)})</td>
                <td>{n.Amount:0.00} {E(n.Currency)}</td><td><a href="{E(n.PaymentLink)}">pay</a></td><td><a href="{E(n.ObjectionLink)}">object</a></td></tr>
                """);
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
