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
}
