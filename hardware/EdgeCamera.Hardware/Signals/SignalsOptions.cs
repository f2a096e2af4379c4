using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Signals;

/// <summary>The "Signals" config section: which GPIO lines show which approach's lamps.</summary>
public sealed class SignalsOptions : IValidatableObject
{
    public const string Section = "Signals";

    public List<SignalApproachOptions> Approaches { get; set; } = [];

    /// <summary>Opto-coupler outputs usually pull the line low while the lamp is lit.</summary>
    public bool ActiveLow { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pins = new HashSet<int>();
        for (var i = 0; i < Approaches.Count; i++)
        {
            var a = Approaches[i];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(a, new ValidationContext(a), results, validateAllProperties: true))
            {
                foreach (var r in results)
                {
                    yield return new ValidationResult($"Approaches[{i}]: {r.ErrorMessage}", [nameof(Approaches)]);
                }
            }

            if (!names.Add(a.Name))
            {
                yield return new ValidationResult($"Approaches[{i}]: name '{a.Name}' is used twice", [nameof(Approaches)]);
            }

            if (!pins.Add(a.RedPin) || !pins.Add(a.AmberPin) || !pins.Add(a.GreenPin))
            {
                yield return new ValidationResult($"Approaches[{i}]: a GPIO pin is used twice", [nameof(Approaches)]);
            }
        }
    }
}
