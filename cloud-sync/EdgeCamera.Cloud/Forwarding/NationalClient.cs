using System.Net.Http.Json;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.National;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// Calls the national system's intake API with the event id as idempotency key, so a retry after a lost answer
/// returns the same violation number instead of a second notice. The HttpClient carries the resilience pipeline
/// (<see cref="NationalResilience"/>): retries with backoff and jitter inside a call, a circuit breaker across calls.
/// </summary>
public sealed class NationalClient(HttpClient http, ForwardingMetrics metrics)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record Result(ForwardOutcome Outcome, string? ViolationNumber, string? Error)
    {
        public bool Ok => Outcome == ForwardOutcome.Delivered;
    }

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
                var status = (int)response.StatusCode;
                return new Result(IsPermanent(status) ? ForwardOutcome.Permanent : ForwardOutcome.Transient, null, $"HTTP {status}: {body[..Math.Min(body.Length, 200)]}");
            }

            var receipt = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.IntakeReceipt, ct);
            return receipt is null
                ? new Result(ForwardOutcome.Transient, null, "empty receipt")
                : new Result(ForwardOutcome.Delivered, receipt.ViolationNumber, null);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            metrics.CountCircuitRejected();
            return new Result(ForwardOutcome.Transient, null, "circuit open: " + ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or Polly.Timeout.TimeoutRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new Result(ForwardOutcome.Transient, null, ex.Message);
        }
    }

    /// <summary>4xx is the caller's fault and final, except 408 (timeout) and 429 (too many requests) which say "later".</summary>
    public static bool IsPermanent(int httpStatus) => httpStatus is >= 400 and < 500 and not 408 and not 429;
}
