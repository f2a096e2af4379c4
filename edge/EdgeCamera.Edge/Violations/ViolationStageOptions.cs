using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Violations;

/// <summary>The "Violations" config section: how the <see cref="ViolationStage"/> holds, illustrates and keeps what it judges.</summary>
public sealed class ViolationStageOptions : IValidatableObject
{
    public const string Section = "Violations";

    /// <summary>How long a decided read waits before it is judged, so that the other reads of a vehicle the tracker split
    /// (a full read and partial ones) are there to compare: 3 s is the longest a plate stays in the simulated camera's view
    /// (80 frames at 25 fps, groundtruth.json), so a fragment's full read arrives within it.</summary>
    public TimeSpan PartialReadHold { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Two reads of one lane are of one vehicle when their times in view overlap or lie this close (sensor clock).</summary>
    public TimeSpan PartialReadGap { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads held or recently judged that later reads are compared with (each lane's last few vehicles).</summary>
    [Range(4, 1024)]
    public int PartialReadMemory { get; set; } = 64;

    /// <summary>Recent frames with a plate in them kept as JPEG for the frames a rule names (before/at/after the stop
    /// line…). 250: 10 s at 25 frames/s, which covers a vehicle's time in view (≤ 3.5 s), the tracker's end-of-track wait
    /// (1 s) and <see cref="PartialReadHold"/>.</summary>
    [Range(1, 2000)]
    public int FrameRingCapacity { get; set; } = 250;

    /// <summary>Each side of a ring frame is divided by this before encoding: 2 gives 960×540 context frames (≈ 80 kB)
    /// beside the package's full-resolution best frame.</summary>
    [Range(1, 4)]
    public int FrameRingDownscale { get; set; } = 2;

    [Range(50, 100)]
    public int FrameRingJpegQuality { get; set; } = 80;

    /// <summary>Where withheld violations (e.g. speed measured by a device out of calibration) are kept: flagged,
    /// never sent as an offence.</summary>
    [Required]
    public string WithheldDatabasePath { get; set; } = "var/edge/withheld.db";

    /// <summary>Withheld records kept; the oldest beyond it are deleted and counted.</summary>
    [Range(1, 1_000_000)]
    public int WithheldMaxRecords { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PartialReadHold < TimeSpan.Zero || PartialReadHold > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("PartialReadHold must be between 0 and 30 s", [nameof(PartialReadHold)]);
        }

        if (PartialReadGap < TimeSpan.Zero || PartialReadGap > TimeSpan.FromSeconds(10))
        {
            yield return new ValidationResult("PartialReadGap must be between 0 and 10 s", [nameof(PartialReadGap)]);
        }
    }
}
