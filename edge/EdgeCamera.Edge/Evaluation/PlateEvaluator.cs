using System.Diagnostics;
using System.Globalization;
using EdgeCamera.Edge.Commands;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Evaluation;

/// <summary>
/// Scores the edge's own detector and reader on a folder of labelled photographs — the same code the worker runs.
/// Works unchanged on real photographs, including plates of countries we do not read (reported as out of format,
/// still scored for detection).
/// </summary>
public sealed class PlateEvaluator(IPlateDetector detector, IPlateReader reader)
{
    /// <summary>PASCAL VOC's detection criterion.</summary>
    public const double MatchIou = 0.5;

    private const int MaxCandidates = 32;

    public EvaluationReport Evaluate(IReadOnlyList<LabelledPlate> labels, Action<string>? progress = null)
    {
        var outcomes = new List<Outcome>();
        var candidates = new PlateCandidate[MaxCandidates];
        var images = 0;
        var unreadable = 0;
        var detections = 0;
        var rightDetections = 0;
        var elapsed = TimeSpan.Zero;
        foreach (var image in labels.GroupBy(l => l.ImagePath))
        {
            images++;
            if (!ImageFrames.TryLoad(image.Key, out var frame, out var error))
            {
                unreadable++;
                progress?.Invoke($"{image.Key}: {error}");
                outcomes.AddRange(image.Select(l => new Outcome(l, false, null)));
                continue;
            }

            using (frame)
            {
                var started = Stopwatch.GetTimestamp();
                var found = detector.Detect(frame!, candidates);
                var accepted = new List<(PixelBox Box, PlateText Read)>();
                for (var i = 0; i < found; i++)
                {
                    if (reader.TryRead(frame!, candidates[i].ReadBox, out var text))
                    {
                        accepted.Add((candidates[i].Box, text));
                    }
                }

                elapsed += Stopwatch.GetElapsedTime(started);
                detections += accepted.Count;
                var taken = new bool[accepted.Count];
                foreach (var label in image.OrderByDescending(l => l.Box.Area))
                {
                    var best = -1;
                    var bestIou = MatchIou;
                    for (var d = 0; d < accepted.Count; d++)
                    {
                        var iou = accepted[d].Box.Iou(label.Box);
                        if (!taken[d] && iou >= bestIou)
                        {
                            best = d;
                            bestIou = iou;
                        }
                    }

                    var candidateHit = candidates.AsSpan(0, found).ToArray().Any(c => c.Box.Iou(label.Box) >= MatchIou);
                    if (best >= 0)
                    {
                        taken[best] = true;
                        rightDetections++;
                    }

                    outcomes.Add(new Outcome(label, candidateHit, best >= 0 ? accepted[best].Read : null));
                    progress?.Invoke(best < 0
                        ? $"{Path.GetFileName(label.ImagePath)}\t{label.Plate}\t-\t{Nearest(candidates.AsSpan(0, found), label.Box)}"
                        : accepted[best].Read.Text == label.Plate || !label.IsReadable
                            ? $"{Path.GetFileName(label.ImagePath)}\t{label.Plate}\t{accepted[best].Read.Text}\t{Confidence(accepted[best].Read)}"
                            : $"{Path.GetFileName(label.ImagePath)}\t{label.Plate}\t{accepted[best].Read.Text}\t{Confidence(accepted[best].Read)}\t{Compare(accepted[best].Box, label.Box)}");
                }

                for (var d = 0; d < accepted.Count; d++)
                {
                    if (!taken[d])
                    {
                        progress?.Invoke($"{Path.GetFileName(image.Key)}\t-\t{accepted[d].Read.Text}\t{Confidence(accepted[d].Read)}\tfalse detection {Describe(accepted[d].Box)}");
                    }
                }
            }
        }

        var readable = outcomes.Where(o => o.Label.IsReadable).ToList();
        var known = PlateFormats.All.Select(f => f.Country).ToHashSet(StringComparer.Ordinal);
        var perCountry = outcomes.GroupBy(o => o.Label.Country).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g =>
            {
                var r = g.Where(o => o.Label.IsReadable).ToList();
                var exact = r.Count(o => o.Read == o.Label.Plate);
                return new CountryScore(
                    g.Count(),
                    g.Count(o => o.Detected),
                    Ratio(g.Count(o => o.Detected), g.Count()),
                    r.Count,
                    exact,
                    Ratio(exact, r.Count),
                    Cer(r),
                    !known.Contains(g.Key))
                {
                    HalvesRead = g.Count(o => o.ArabicRead),
                    HalvesAgree = g.Count(o => o.Agree == true),
                    HalvesDiffer = g.Count(o => o.Agree == false),
                    AgreementFlagged = g.Count(FlagScored),
                    AgreementFlaggedRight = g.Count(FlaggedRight),
                };
            });
        return new EvaluationReport(
            images,
            outcomes.Count,
            detections,
            Ratio(rightDetections, detections),
            Ratio(outcomes.Count(o => o.Detected), outcomes.Count),
            Ratio(outcomes.Count(o => o.CandidateHit), outcomes.Count),
            Ratio(readable.Count(o => o.Read == o.Label.Plate), readable.Count),
            Cer(readable),
            images == 0 ? 0 : Math.Round(elapsed.TotalMilliseconds / images, 2),
            unreadable,
            perCountry)
        {
            AgreementPlates = outcomes.Count(o => o.Label.HalvesAgree.HasValue && o.ArabicRead),
            AgreementFlagged = outcomes.Count(FlagScored),
            AgreementFlaggedCorrectly = outcomes.Any(FlagScored) ? Ratio(outcomes.Count(FlaggedRight), outcomes.Count(FlagScored)) : null,
            MismatchedPlates = outcomes.Count(o => o.Label.HalvesAgree == false && o.ArabicRead),
            MismatchesCaught = outcomes.Count(o => o.Label.HalvesAgree == false && o.Agree == false),
            GenuineFlaggedMismatched = outcomes.Count(o => o.Label.HalvesAgree == true && o.Agree == false),
        };
    }

    /// <summary>The agree/differ flag is scored where the label gives the Arabic half and the reader gave a flag
    /// (not "not compared"), whether or not the Latin read is exact (as <c>models/training/evaluate.py</c> does).</summary>
    private static bool FlagScored(Outcome o) =>
        o.Label.HalvesAgree.HasValue && o.Agree.HasValue;

    private static bool FlaggedRight(Outcome o) =>
        FlagScored(o) && o.Agree == o.Label.HalvesAgree;

    private static double Cer(IReadOnlyCollection<Outcome> scored)
    {
        var chars = scored.Sum(o => o.Label.Plate.Length);
        var errors = scored.Sum(o => EditDistance.Between(o.Read ?? string.Empty, o.Label.Plate));
        return Ratio(errors, chars);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>For a missed plate (--verbose): the candidate that overlaps its label most, so a box of the wrong size
    /// can be told from a plate the detector did not see at all.</summary>
    private static string Nearest(ReadOnlySpan<PlateCandidate> candidates, PixelBox label)
    {
        if (candidates.IsEmpty)
        {
            return "no candidate in the image";
        }

        var nearest = candidates[0];
        foreach (var candidate in candidates)
        {
            if (candidate.Box.Iou(label) > nearest.Box.Iou(label))
            {
                nearest = candidate;
            }
        }

        return $"{candidates.Length} candidates; nearest {Compare(nearest.Box, label)}";
    }

    /// <summary>A detected box beside its label (--verbose), so a misread caused by a cut or padded crop shows.</summary>
    private static string Compare(PixelBox box, PixelBox label) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Describe(box)} (label {label.X},{label.Y},{label.Width},{label.Height}) IoU {box.Iou(label):F2}");

    private static string Describe(PixelBox box) => string.Create(CultureInfo.InvariantCulture, $"{box.X},{box.Y},{box.Width},{box.Height}");

    /// <summary>A read's confidence and country (--verbose), so reads that should have been doubted show; for a
    /// bilingual read also its Arabic half and the halves flag, so a wrong flag can be traced to the half misread.</summary>
    private static string Confidence(PlateText read) => read.ArabicHalf is null
        ? string.Create(CultureInfo.InvariantCulture, $"{read.Confidence:F3} {read.Country}")
        : string.Create(CultureInfo.InvariantCulture, $"{read.Confidence:F3} {read.Country} arabic {read.ArabicHalf} {HalvesFlag(read.HalvesAgree)} (least sure character {LeastSure(read.ArabicCharConfidences):F2})");

    private static float LeastSure(IReadOnlyList<float> confidences) => confidences.Count == 0 ? 0f : confidences.Min();

    private static string HalvesFlag(bool? agree) => agree switch
    {
        true => "agree",
        false => "differ",
        null => "not-compared",
    };

    /// <summary>One labelled plate's fate: matched to an accepted detection, any candidate near it, what was read.</summary>
    private readonly record struct Outcome(LabelledPlate Label, bool CandidateHit, PlateText? Plate)
    {
        /// <summary>Matched to an accepted detection (IoU ≥ <see cref="MatchIou"/>), which the reader read.</summary>
        public bool Detected => Plate is not null;

        public string? Read => Plate?.Text;

        public bool ArabicRead => Plate?.ArabicHalf is not null;

        public bool? Agree => Plate?.HalvesAgree;
    }
}
