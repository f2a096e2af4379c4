using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Uplink;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.Hardware.Camera;
using Prometheus;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// Prometheus metrics of the unit on <c>/metrics</c>. The parts keep their own thread-safe counters; these are copied
/// into the collectors just before each scrape, so the frame path pays nothing for metrics. Own registry (not the
/// static default) so several hosts in one test process do not share counters.
/// </summary>
public sealed class EdgeMetrics
{
    public EdgeMetrics(FfmpegCamera camera, PipelineStats pipeline, LiteDbOutbox outbox, UplinkWorker uplink, ViolationStage violations, WatchListReceiver watchList, TimeProvider time)
    {
        var f = Metrics.WithCustomRegistry(Registry);
        var framesRead = f.CreateCounter("edgecam_camera_frames_read_total", "Frames decoded from the camera.");
        var framesDropped = f.CreateCounter("edgecam_camera_frames_dropped_total", "Frames dropped because the pipeline was behind.");
        var reconnects = f.CreateCounter("edgecam_camera_reconnects_total", "Camera decoder restarts.");
        var processed = f.CreateCounter("edgecam_pipeline_frames_processed_total", "Frames run through plate detection.");
        var detections = f.CreateCounter("edgecam_pipeline_detections_total", "Plate candidates found.");
        var reads = f.CreateCounter("edgecam_pipeline_reads_total", "Plate candidates read.");
        var settledSkips = f.CreateCounter("edgecam_pipeline_settled_skips_total", "Plate candidates left unread because their track's vote was settled (Tracker:SettledVotes).");
        var detectedDropped = f.CreateCounter("edgecam_pipeline_detected_frames_dropped_total", "Detected frames the read stage dropped unread (its queue was full; oldest first).");
        var vehicles = f.CreateCounter("edgecam_vehicles_total", "Vehicles reported (one voted read each), stored in the outbox.");
        var depth = f.CreateGauge("edgecam_outbox_depth", "Evidence records in the outbox (waiting or rejected).");
        var oldest = f.CreateGauge("edgecam_outbox_oldest_age_seconds", "Age of the oldest record in the outbox; 0 when empty.");
        var outboxBytes = f.CreateGauge("edgecam_outbox_bytes", "Bytes of packages (and eviction notices) stored in the outbox.");
        var outboxMaxBytes = f.CreateGauge("edgecam_outbox_max_bytes", "The outbox's disk budget (Outbox:MaxBytes).");
        var evictions = f.CreateCounter("edgecam_outbox_evictions_total", "Plain reads evicted by the disk budget (declared to the cloud as eviction notices).");
        var writeFailures = f.CreateCounter("edgecam_outbox_write_failures_total", "Evidence that could not be stored (disk full, I/O error).");
        var overBudget = f.CreateGauge("edgecam_outbox_over_budget", "1 while the outbox is over its budget with only violations left (alarm), else 0.");
        var published = f.CreateCounter("edgecam_uplink_published_total", "Evidence publishes to the broker (resends included).");
        var acknowledged = f.CreateCounter("edgecam_uplink_acknowledged_total", "Records the cloud acknowledged (removed from the outbox).");
        var ackLatencySum = f.CreateCounter("edgecam_ack_latency_seconds_sum", "Sum of publish-to-acknowledgement latencies.");
        var ackLatencyCount = f.CreateCounter("edgecam_ack_latency_seconds_count", "Acknowledgements whose latency is in the sum.");
        var reviewHolds = f.CreateCounter("edgecam_violations_held_for_review_total", "Offences kept on the unit for manual review, not fined: the plate read is incomplete or unsure (reason).", "reason");
        var watchListRejected = f.CreateCounter("edgecam_watchlist_rejected_total", "Watch lists from the cloud refused (unsigned, forged or altered signature, malformed, stale…); the list held stays (reason).", "reason");
        var up = f.CreateGauge("edgecam_camera_last_frame_age_seconds", "Seconds since the last camera frame; -1 before the first.");

        Registry.AddBeforeCollectCallback(() =>
        {
            var now = time.GetUtcNow();
            framesRead.IncTo(camera.Stats.FramesRead);
            framesDropped.IncTo(camera.Stats.FramesDropped);
            reconnects.IncTo(camera.Stats.Reconnects);
            processed.IncTo(pipeline.FramesProcessed);
            detections.IncTo(pipeline.Detections);
            reads.IncTo(pipeline.Reads);
            settledSkips.IncTo(pipeline.SettledSkips);
            detectedDropped.IncTo(pipeline.DetectedDropped);
            vehicles.IncTo(pipeline.Vehicles);
            depth.Set(outbox.Count());
            oldest.Set(outbox.OldestCreatedAtUtc() is { } o ? Math.Max(0, (now.UtcDateTime - o).TotalSeconds) : 0);
            outboxBytes.Set(outbox.StoredBytes);
            outboxMaxBytes.Set(outbox.MaxBytes);
            evictions.IncTo(outbox.Evictions);
            writeFailures.IncTo(outbox.WriteFailures);
            overBudget.Set(outbox.OverBudget ? 1 : 0);
            published.IncTo(uplink.Published);
            acknowledged.IncTo(uplink.Acknowledged);
            ackLatencySum.IncTo(uplink.AckLatencyTotal.TotalSeconds);
            ackLatencyCount.IncTo(uplink.AckLatencyCount);
            foreach (var (reason, count) in violations.ReviewHoldsByReason)
            {
                reviewHolds.WithLabels(reason).IncTo(count);
            }

            foreach (var (reason, count) in watchList.RejectedByReason)
            {
                watchListRejected.WithLabels(reason).IncTo(count);
            }

            up.Set(camera.Stats.LastFrameUtc is { } last ? (now - last).TotalSeconds : -1);
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();
}
