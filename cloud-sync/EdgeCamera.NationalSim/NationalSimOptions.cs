using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.NationalSim;

/// <summary>The "National" config section: how the stand-in numbers violations and prices them.</summary>
public sealed class NationalSimOptions
{
    public const string Section = "National";

    [Required, RegularExpression("^[A-Z]{1,6}$")]
    public string ViolationNumberPrefix { get; set; } = "NV";

    [Required, Url]
    public string PaymentBaseUrl { get; set; } = "https://pay.traffic.example/violations/";

    [Required, Url]
    public string ObjectionBaseUrl { get; set; } = "https://objections.traffic.example/violations/";

    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "SAR";

    /// <summary>Fines table by violation type code. A code not in the table is refused with 422.</summary>
    [MinLength(1)]
    public Dictionary<string, FineEntry> Fines { get; set; } = [];
}

public sealed class FineEntry
{
    [Required]
    public string DescriptionEn { get; set; } = string.Empty;

    [Required]
    public string DescriptionAr { get; set; } = string.Empty;

    [Range(0, 1_000_000)]
    public decimal Amount { get; set; }
}
