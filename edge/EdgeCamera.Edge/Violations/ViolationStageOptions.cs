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

    /// <summary>An offence is fined only when its plate's vote confidence (the winner's share of the votes times their mean
    /// confidence) is at least this; under it the violation is kept for manual review (<see cref="PlateReadCheck"/>).
    /// 0.25: right reads of the demo clip came out 0.28–0.99 (26 vehicles, two loops, var/demo/logs/edge.log of
    /// 2026-11-26), so no genuine read of it is withheld.</summary>
    [Range(0.0, 1.0)]
    public float MinimumPlateConfidence { get; set; } = 0.25f;

    /// <summary>Shortest read fined when its format cannot tell a fragment from a plate: reads of no known country
    /// ("??") and of digits-only formats (Kuwait). 5: the fragments the tracker splits off are 3–4 characters
    /// ("7977", "775" of 7977750), while full plates are 5 or more characters but for Saudi plates of 1 digit (their
    /// format's three letters already tell them whole; this floor does not apply) and Kuwaiti plates of under 5 digits
    /// (≈ 0.2 % of kw-private.json's code 1–99 and number 1–99999 drawn uniformly), which go to review instead.</summary>
    [Range(1, 16)]
    public int MinimumPlateLength { get; set; } = 5;

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
