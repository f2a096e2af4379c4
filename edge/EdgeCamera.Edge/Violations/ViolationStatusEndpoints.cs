using EdgeCamera.Edge.Status;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.Violations.WatchList;

namespace EdgeCamera.Edge.Violations;

/// <summary><c>GET /api/violations</c>: the unit's state and status LED, the rules' counters, partial reads, the frame
/// ring, the withheld store and the watch list the cloud pushed (version, size, refusals by reason).</summary>
public static class ViolationStatusEndpoints
{
    public static void MapViolationStatus(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/violations", (ViolationStage stage, EvidenceFrameRing frames, WithheldStore withheld, StatusIndicator indicator, PlateWatchList list, WatchListReceiver watchList) =>
            Results.Ok(new
            {
                unit = new { state = indicator.State?.ToString() ?? "starting", statusLed = indicator.Led.Pattern.ToString() },
                rules = new
                {
                    violations = stage.Stats.Violations,
                    withheld = stage.Stats.Withheld,
                    calibrationHolds = stage.Stats.CalibrationHolds,
                    speedDiscrepancies = stage.Stats.SpeedDiscrepancies,
                    watchListHits = stage.Stats.WatchListHits,
                },
                partialReads = stage.PartialReadsByReason,
                heldForReview = stage.ReviewHoldsByReason,
                heldReads = stage.HeldCount,
                frameRing = new { capacity = frames.Capacity, count = frames.Count, kept = frames.Kept, dropped = frames.Dropped, misses = frames.Misses },
                withheldStore = new { stored = withheld.Stored, evicted = withheld.Evicted },
                watchList = new
                {
                    version = list.Version,
                    entries = list.Count,
                    issuedAtUtc = watchList.IssuedAtUtc,
                    accepted = watchList.Accepted,
                    unchanged = watchList.Unchanged,
                    rejected = watchList.RejectedByReason,
                },
            }));
}
