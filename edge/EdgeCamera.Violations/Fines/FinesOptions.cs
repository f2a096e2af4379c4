using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using EdgeCamera.Violations.Site;

namespace EdgeCamera.Violations.Fines;

/// <summary>The "Fines" config section: the fines table by violation type code (codes as in the national table).</summary>
public sealed partial class FinesOptions : IValidatableObject
{
    public const string Section = "Fines";

    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string DefaultCurrency { get; set; } = "SAR";

    public Dictionary<string, FineOptions> Items { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, fine) in Items)
        {
            if (!CodePattern().IsMatch(code))
            {
                yield return new ValidationResult($"Items: code '{code}' must be 2-8 upper-case letters", [nameof(Items)]);
            }

            foreach (var r in NestedOptionsValidator.Validate(fine, $"Items.{code}"))
            {
                yield return r;
            }

            if (!fine.DescriptionAr.Any(c => c is >= '\u0600' and <= '\u06FF'))
            {
                yield return new ValidationResult($"Items.{code}: DescriptionAr has no Arabic letters", [nameof(Items)]);
            }
        }
    }

    [GeneratedRegex("^[A-Z]{2,8}$")]
    private static partial Regex CodePattern();
}
