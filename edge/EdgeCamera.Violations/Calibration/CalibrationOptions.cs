using System.ComponentModel.DataAnnotations;
using EdgeCamera.Violations.Site;

namespace EdgeCamera.Violations.Calibration;

/// <summary>The "Calibration" config section: the certificate of every measuring device.</summary>
public sealed class CalibrationOptions : IValidatableObject
{
    public const string Section = "Calibration";

    public List<CalibrationRecordOptions> Devices { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Devices.Count; i++)
        {
            foreach (var r in NestedOptionsValidator.Validate(Devices[i], $"Devices[{i}]"))
            {
                yield return r;
            }

            if (Devices[i].ExpiresOn < Devices[i].CalibratedOn)
            {
                yield return new ValidationResult($"Devices[{i}]: ExpiresOn is before CalibratedOn", [nameof(Devices)]);
            }
        }

        if (Devices.GroupBy(d => d.DeviceId, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("Devices: two certificates for one device", [nameof(Devices)]);
        }
    }
}
