using System.Net.Http.Json;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.National;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// Calls the national system's intake API with the event id as idempotency key, so a retry after a lost answer
/// returns the same violation number instead of a second notice.
/// </summary>
public sealed class NationalClient(HttpClient http)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record Result(bool Ok, string? ViolationNumber, string? Error);

    public async Task<Result> SubmitAsync(EvidenceManifest record, CancellationToken ct)
    {
        var intake = new ViolationIntake(
            record.EventId,
            record.DeviceId,
            record.SiteId,
            record.Violation.TypeCode,
            record.CapturedAtUtc,
            record.Location.LatitudeDeg,
            record.Location.LongitudeDeg,
            record.Location.Road,
            record.Location.Direction,
            record.Plate.Text,
            record.Plate.Country,
            $"edgecam:evidence/{record.EventId}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/violations")
        {
            Content = JsonContent.Create(intake, WireJsonContext.Default.ViolationIntake),
        };
        request.Headers.Add(IdempotencyHeader, record.EventId.ToString());
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                return new Result(false, null, $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
            }

            var receipt = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.IntakeReceipt, ct);
            return receipt is null
                ? new Result(false, null, "empty receipt")
                : new Result(true, receipt.ViolationNumber, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new Result(false, null, ex.Message);
        }
    }
}
