using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>The page's data (behind sign-in) and the machine endpoints /readyz (open, like /healthz and /metrics).</summary>
internal static class DiagnosticsEndpoints
{
    /// <summary>Ready means frames arrived this recently (two camera stall timeouts' worth at the default 5 s).</summary>
    public static readonly TimeSpan ReadyFrameAge = TimeSpan.FromSeconds(10);

    public static void MapPageData(this RouteGroupBuilder diag)
    {
        var data = diag.MapGroup("").RequireAuthorization();
        data.MapGet("/api/state", (DiagnosticsState state, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(state.Snapshot());
        });

        data.MapGet("/api/live", (LiveView live, HttpContext http) =>
        {
            live.MarkWatched();
            http.Response.Headers.CacheControl = "no-store";
            return live.Latest is not { } s
                ? Results.Ok(new { sequence = -1L })
                : Results.Ok(new
                {
                    s.Sequence,
                    s.CapturedAtUtc,
                    s.Width,
                    s.Height,
                    s.Boxes,
                    jpeg = "data:image/jpeg;base64," + Convert.ToBase64String(s.Jpeg),
                });
        });

        data.MapGet("/live.jpg", (LiveView live, HttpContext http) =>
        {
            live.MarkWatched();
            http.Response.Headers.CacheControl = "no-store";
            return live.Latest is { } s ? Results.Bytes(s.Jpeg, "image/jpeg") : Results.NotFound();
        });

        data.MapGet("/crop/{eventId:guid}.jpg", (Guid eventId, LiveView live) =>
            live.TryGetCrop(eventId, out var jpeg) ? Results.Bytes(jpeg, "image/jpeg") : Results.NotFound());

        data.MapPost("/api/ir-flash", (RoadsideDevices devices, AuditLog audit, HttpContext http) =>
        {
            // The flash's own pulse width (Flash:PulseWidth) and pacing, as in service.
            var error = devices.Flash is null ? "not fitted" : "refused: less than Flash:MinInterval since the last pulse";
            var ok = devices.Flash?.TryPulse() ?? false;
            audit.Record("test IR flash", ok ? "fired" : "failed: " + error, SignInEndpoints.Client(http));
            return ok ? Results.Ok(new { fired = true }) : Results.Json(new { fired = false, error }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AddEndpointFilter(SignInEndpoints.RequireRequestHeader);
    }

    public static void MapReadiness(this IEndpointRouteBuilder app)
    {
        app.MapGet("/readyz", (FfmpegCamera camera, MqttSession session, Outbox.LiteDbOutbox outbox, TimeProvider time) =>
        {
            var last = camera.Stats.LastFrameUtc;
            var cameraOk = last is { } l && time.GetUtcNow() - l <= ReadyFrameAge;
            var brokerOk = session.IsConnected;
            var outboxOk = !outbox.OverBudget; // The disk-budget alarm: over budget with only violations left.
            var ready = cameraOk && brokerOk && outboxOk;
            var body = new
            {
                ready,
                camera = cameraOk ? "frames" : "no recent frames",
                broker = brokerOk ? "connected" : "not connected",
                outbox = outboxOk ? "within budget" : "over budget (alarm)",
            };
            return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
