using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Fines;

/// <summary>One violation type as the national notice prints it.</summary>
public sealed class FineOptions
{
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string DescriptionEn { get; set; } = "";

    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string DescriptionAr { get; set; } = "";

    [Range(0, 1_000_000)]
    public decimal Amount { get; set; }

    /// <summary>ISO 4217; null: the table's default currency.</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string? Currency { get; set; }
}
