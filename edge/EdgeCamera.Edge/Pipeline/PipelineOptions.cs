using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>The "Pipeline" config section: how much work one frame may cost.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Plate candidates taken from the detector per frame (two lanes × a margin for false candidates).</summary>
    [Range(1, 64)]
    public int MaxCandidatesPerFrame { get; set; } = 8;

    /// <summary>Candidates read per frame, best-scored first. The classic reader costs 10–70 ms per candidate on
    /// this machine's cores (measured, helper report 2026-11-25), so reading all ~11 candidates the detector gives
    /// would take ~130 ms a frame; the tracker's vote makes up for the frames a plate is not read in.</summary>
    [Range(0, 64)]
    public int MaxReadsPerFrame { get; set; } = 3;

    /// <summary>Frames found by the detect stage waiting for the read stage. When full the oldest is dropped (counted
    /// as <c>DetectedDropped</c>): a fresh frame is worth more than a late one, and the tracker bridges the gap.
    /// Two keep both stages busy without adding latency (each waiting frame adds one frame-step of delay).</summary>
    [Range(1, 16)]
    public int DetectedQueueCapacity { get; set; } = 2;

    /// <summary>What that queue does when full: <see cref="QueueFullPolicy.DropOldest"/> for a live camera;
    /// <see cref="QueueFullPolicy.Wait"/> only when the frames come from a file that can wait.</summary>
    [EnumDataType(typeof(QueueFullPolicy))]
    public QueueFullPolicy DetectedQueueFull { get; set; } = QueueFullPolicy.DropOldest;

    /// <summary>With a detector that can prepare its input ahead (<c>IPipelinedPlateDetector</c>: the ONNX detector),
    /// the detect stage letterboxes the next frame, when one is already waiting, on a thread of its own while the model
    /// runs on the current one. Off: one frame at a time.</summary>
    public bool PrepareAhead { get; set; } = true;
}
