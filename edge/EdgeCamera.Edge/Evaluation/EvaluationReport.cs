using System.Text.Json.Serialization;

namespace EdgeCamera.Edge.Evaluation;

/// <summary>
/// What <c>edgecam eval</c> prints with --json. A detection is a plate candidate the reader accepted as a plate;
/// it is right when it overlaps a labelled plate with IoU ≥ 0.5 (PASCAL VOC). Exact match and CER are over the
/// readable labelled plates (a missed plate counts as wrong, CER 1).
/// </summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("plates")] int Plates,
    [property: JsonPropertyName("detections")] int Detections,
    [property: JsonPropertyName("detection_precision")] double DetectionPrecision,
    [property: JsonPropertyName("detection_recall")] double DetectionRecall,
    [property: JsonPropertyName("candidate_recall")] double CandidateRecall,
    [property: JsonPropertyName("exact_match")] double ExactMatch,
    [property: JsonPropertyName("cer")] double Cer,
    [property: JsonPropertyName("ms_per_image")] double MsPerImage,
    [property: JsonPropertyName("unreadable_images")] int UnreadableImages,
    [property: JsonPropertyName("per_country")] IReadOnlyDictionary<string, CountryScore> PerCountry)
{
    /// <summary>Detected plates whose label gives the Arabic half and whose Arabic half the reader read.</summary>
    [JsonPropertyName("agreement_plates")]
    public int AgreementPlates { get; init; }

    /// <summary>Of those, the plates the reader flagged agree or differ (the rest: "not compared", a possible misread).</summary>
    [JsonPropertyName("agreement_flagged")]
    public int AgreementFlagged { get; init; }

    /// <summary>Of the flagged, the share whose flag matches the label's (issue 3's target: ≥ 99 %); null when no
    /// label gives an Arabic half.</summary>
    [JsonPropertyName("agreement_flagged_correctly")]
    public double? AgreementFlaggedCorrectly { get; init; }

    /// <summary>Of <see cref="AgreementPlates"/>, plates whose halves differ by their label (mismatched or forged).</summary>
    [JsonPropertyName("mismatched_plates")]
    public int MismatchedPlates { get; init; }

    /// <summary>Of the mismatched plates, those the reader flagged as differing.</summary>
    [JsonPropertyName("mismatches_caught")]
    public int MismatchesCaught { get; init; }

    /// <summary>Genuine plates (halves agree by their label) the reader flagged as differing: false alarms.</summary>
    [JsonPropertyName("genuine_flagged_mismatched")]
    public int GenuineFlaggedMismatched { get; init; }
}

public sealed record CountryScore(
    [property: JsonPropertyName("plates")] int Plates,
    [property: JsonPropertyName("detected")] int Detected,
    [property: JsonPropertyName("detection_recall")] double DetectionRecall,
    [property: JsonPropertyName("readable")] int Readable,
    [property: JsonPropertyName("exact")] int Exact,
    [property: JsonPropertyName("exact_match")] double ExactMatch,
    [property: JsonPropertyName("cer")] double Cer,
    [property: JsonPropertyName("out_of_format")] bool OutOfFormat)
{
    /// <summary>Detected plates whose Arabic half the reader also read (bilingual plates, learned reader only).</summary>
    [JsonPropertyName("halves_read")]
    public int HalvesRead { get; init; }

    /// <summary>Of those, how many the reader found to say the same as the Latin half (on genuine plates: all).</summary>
    [JsonPropertyName("halves_agree")]
    public int HalvesAgree { get; init; }

    /// <summary>Of those, how many the reader found to differ from the Latin half confidently.</summary>
    [JsonPropertyName("halves_differ")]
    public int HalvesDiffer { get; init; }

    /// <summary>Plates the reader flagged (agree or differ) whose label gives the Arabic half, and how many of them it
    /// flagged right (agree when the label's halves agree, differ when they differ).</summary>
    [JsonPropertyName("agreement_flagged")]
    public int AgreementFlagged { get; init; }

    [JsonPropertyName("agreement_flagged_right")]
    public int AgreementFlaggedRight { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
