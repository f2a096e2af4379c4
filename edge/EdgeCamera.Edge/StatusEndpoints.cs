using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Uplink;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Transport;

namespace EdgeCamera.Edge;

/// <summary>Machine-readable state of the unit (the technician's page of issue 8 builds on these).</summary>
public static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok("ok"));
        app.MapGet("/api/reads", (RecentVehicles recent) => Results.Ok(recent.Snapshot()));
        app.MapGet("/api/status", (FfmpegCamera camera, PipelineStats pipeline, LiteDbOutbox outbox, UplinkWorker uplink, MqttSession session) =>
            Results.Ok(new
            {
                camera = new
                {
                    framesRead = camera.Stats.FramesRead,
                    framesDropped = camera.Stats.FramesDropped,
                    reconnects = camera.Stats.Reconnects,
                    lastFrameUtc = camera.Stats.LastFrameUtc,
                },
                pipeline = new
                {
                    framesProcessed = pipeline.FramesProcessed,
                    detections = pipeline.Detections,
                    reads = pipeline.Reads,
                    settledSkips = pipeline.SettledSkips,
                    vehicles = pipeline.Vehicles,
                },
                outbox = new { depth = outbox.Count(), rejected = outbox.CountRejected() },
                uplink = new { connected = session.IsConnected, published = uplink.Published, acknowledged = uplink.Acknowledged },
            }));
    }
}
