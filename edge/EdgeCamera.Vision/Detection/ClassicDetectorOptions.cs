namespace EdgeCamera.Vision;

/// <summary>Tuning of <see cref="ClassicPlateDetector"/>. Pixel values are full-resolution unless named otherwise.</summary>
public sealed class ClassicDetectorOptions
{
    /// <summary>Frames are box-downscaled by an integer factor to about this width (1920 → 960).</summary>
    public int WorkingWidthPx { get; set; } = 960;

    /// <summary>Luma step across two working pixels that counts as a character edge (dark text on a light field
    /// measures 100+; car panel shading stays under 30).</summary>
    public int EdgeThreshold { get; set; } = 48;

    /// <summary>Half-width of the horizontal edge-density window (about one character pitch on a 150 px plate).</summary>
    public int DensityRadiusPx { get; set; } = 14;

    /// <summary>Edge pixels needed in the window: two strokes give four edges.</summary>
    public int MinEdgesInWindow { get; set; } = 4;

    /// <summary>Plate widths: ~90–300 px in the roadside brief, up to 485 px in the simulated closest views (labels.tsv).</summary>
    public int MinPlateWidthPx { get; set; } = 60;

    public int MaxPlateWidthPx { get; set; } = 640;

    /// <summary>Width/height: two-row Saudi (~2.0 with skew) up to one-row 520×110 mm plates (4.7) plus skew.</summary>
    public double MinAspect { get; set; } = 1.5;

    public double MaxAspect { get; set; } = 6.5;

    /// <summary>Share of light pixels the plate field must have (the characters take ~20–40 %).</summary>
    public double MinLightFraction { get; set; } = 0.45;

    /// <summary>Minimum luma of the light class: white/light plate fields.</summary>
    public int MinFieldLuma { get; set; } = 110;

    /// <summary>Minimum (light − dark) class mean difference, in luma levels.</summary>
    public int MinContrast { get; set; } = 50;

    public float MinScore { get; set; } = 0.05f;

    /// <summary>Boxes overlapping more than this (or nested) are merged into one candidate.</summary>
    public double MergeIou { get; set; } = 0.2;
}
