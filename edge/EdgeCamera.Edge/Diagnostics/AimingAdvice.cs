namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// Turns recent plate measurements into advice for aiming the camera. Ranges:
/// plate width 130–250 px: the lower bound is Milestone XProtect LPR's minimum plate width for single-line plates on a
/// progressive-scan camera (doc.milestonesys.com, "Plate width recommendations"); the upper bound is our choice (wider
/// plates mean the vehicle crosses the picture in fewer frames, so fewer reads to vote on).
/// Focus: variance of the Laplacian below 100 is blurred (the usual rule of thumb for that measure, to be tuned per
/// site); exposure: mean plate luma outside 60–200 is too dark or too bright (our choice, on 0–255).
/// </summary>
public static class AimingAdvice
{
    public const int MinPlateWidthPx = 130;
    public const int MaxPlateWidthPx = 250;
    public const double MinFocusScore = 100;
    public const double MinMeanLuma = 60;
    public const double MaxMeanLuma = 200;

    public sealed record Summary(
        int Samples,
        int? MedianPlateWidthPx,
        double? ShareInRange,
        double? MedianFocusScore,
        double? MeanLuma,
        string WidthVerdict,
        string FocusVerdict,
        string ExposureVerdict);

    public static Summary Summarise(IReadOnlyList<LiveView.AimingSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return new Summary(0, null, null, null, null, "no-data", "no-data", "no-data");
        }

        var widths = samples.Select(s => s.PlateWidthPx).Order().ToList();
        var focus = samples.Select(s => s.FocusScore).Order().ToList();
        var medianWidth = widths[widths.Count / 2];
        var medianFocus = focus[focus.Count / 2];
        var luma = samples.Average(s => s.MeanLuma);
        var inRange = widths.Count(w => w is >= MinPlateWidthPx and <= MaxPlateWidthPx) / (double)widths.Count;
        return new Summary(
            samples.Count,
            medianWidth,
            Math.Round(inRange, 2),
            Math.Round(medianFocus, 1),
            Math.Round(luma, 1),
            medianWidth < MinPlateWidthPx ? "too-small" : medianWidth > MaxPlateWidthPx ? "too-large" : "ok",
            medianFocus < MinFocusScore ? "blurred" : "ok",
            luma < MinMeanLuma ? "too-dark" : luma > MaxMeanLuma ? "too-bright" : "ok");
    }
}
