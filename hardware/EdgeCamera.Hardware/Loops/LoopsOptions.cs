using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Loops;

/// <summary>The "Loops" config section: every lane's loop pair and how loop signals are read.</summary>
public sealed class LoopsOptions : IValidatableObject
{
    public const string Section = "Loops";

    public List<LoopPairOptions> Pairs { get; set; } = [];

    /// <summary>Loop detector cards usually switch an open-collector output to ground when occupied (active low).</summary>
    public bool ActiveLow { get; set; } = true;

    /// <summary>A passage not complete after this long is abandoned (slower than walking pace over a few metres,
    /// or a loop stuck occupied) and counted.</summary>
    public TimeSpan MaxPassageTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rising-edge and falling-edge speeds must agree within this share of their mean, or the passage is
    /// rejected (lane change, two vehicles, a fault).</summary>
    [Range(0.0, 50.0)]
    public double MaxEdgeDisagreementPercent { get; set; } = 10;

    public LengthClassBoundaries LengthClasses { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxPassageTime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("MaxPassageTime must be positive", [nameof(MaxPassageTime)]);
        }

        var lanes = new HashSet<int>();
        var pins = new HashSet<int>();
        for (var i = 0; i < Pairs.Count; i++)
        {
            var pair = Pairs[i];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(pair, new ValidationContext(pair), results, validateAllProperties: true))
            {
                foreach (var r in results)
                {
                    yield return new ValidationResult($"Pairs[{i}]: {r.ErrorMessage}", [nameof(Pairs)]);
                }
            }

            if (!lanes.Add(pair.Lane))
            {
                yield return new ValidationResult($"Pairs[{i}]: lane {pair.Lane} has two loop pairs", [nameof(Pairs)]);
            }

            if (!pins.Add(pair.LeadingPin) || !pins.Add(pair.TrailingPin))
            {
                yield return new ValidationResult($"Pairs[{i}]: a GPIO pin is used twice", [nameof(Pairs)]);
            }

            if (pair.LoopSpacingMetres < pair.LoopLengthMetres)
            {
                yield return new ValidationResult($"Pairs[{i}]: loops overlap (spacing shorter than a loop)", [nameof(Pairs)]);
            }
        }

        var boundaries = LengthClasses;
        if (!(boundaries.MotorcycleMaxMetres < boundaries.CarMaxMetres && boundaries.CarMaxMetres < boundaries.MediumMaxMetres))
        {
            yield return new ValidationResult("LengthClasses must increase: motorcycle < car < medium", [nameof(LengthClasses)]);
        }
    }
}
