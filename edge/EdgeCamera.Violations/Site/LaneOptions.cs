using System.ComponentModel.DataAnnotations;
using EdgeCamera.Violations.Geometry;

namespace EdgeCamera.Violations.Site;

/// <summary>One lane: where it is in the image, which way it runs, its signal, stop line, limits and restrictions.</summary>
public sealed class LaneOptions : IValidatableObject
{
    [Range(1, 16)]
    public int Id { get; set; }

    public LaneDirection Direction { get; set; }

    /// <summary>The lane's outline in the image (at least 3 points, in order).</summary>
    public List<PointOptions> Polygon { get; set; } = [];

    /// <summary>The signal approach this lane obeys (a name in the "Signals" section); null: no signal.</summary>
    public string? SignalApproach { get; set; }

    public StopLineOptions? StopLine { get; set; }

    public List<SpeedLimitOptions> SpeedLimits { get; set; } = [];

    public RestrictedLaneOptions? Restricted { get; set; }

    public Polygon ToPolygon() => new([.. Polygon.Select(p => p.ToPoint())]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Polygon.Count < 3)
        {
            yield return new ValidationResult($"lane {Id}: Polygon needs at least 3 points", [nameof(Polygon)]);
        }

        for (var i = 0; i < Polygon.Count; i++)
        {
            foreach (var r in NestedOptionsValidator.Validate(Polygon[i], $"lane {Id}: Polygon[{i}]"))
            {
                yield return r;
            }
        }

        if ((StopLine is null) != string.IsNullOrWhiteSpace(SignalApproach))
        {
            yield return new ValidationResult($"lane {Id}: StopLine and SignalApproach go together", [nameof(StopLine)]);
        }

        if (StopLine is not null)
        {
            foreach (var r in NestedOptionsValidator.Validate(StopLine.A, $"lane {Id}: StopLine.A")
                .Concat(NestedOptionsValidator.Validate(StopLine.B, $"lane {Id}: StopLine.B")))
            {
                yield return r;
            }
        }

        for (var i = 0; i < SpeedLimits.Count; i++)
        {
            foreach (var r in NestedOptionsValidator.Validate(SpeedLimits[i], $"lane {Id}: SpeedLimits[{i}]"))
            {
                yield return r;
            }
        }

        if (SpeedLimits.GroupBy(l => l.VehicleClass).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult($"lane {Id}: two speed limits for one vehicle class", [nameof(SpeedLimits)]);
        }

        if (Restricted is not null)
        {
            if (Restricted.Windows.Count == 0)
            {
                yield return new ValidationResult($"lane {Id}: Restricted needs at least one window", [nameof(Restricted)]);
            }

            for (var i = 0; i < Restricted.Windows.Count; i++)
            {
                var w = Restricted.Windows[i];
                foreach (var r in NestedOptionsValidator.Validate(w, $"lane {Id}: Restricted.Windows[{i}]"))
                {
                    yield return r;
                }

                if (w.Start == w.End)
                {
                    yield return new ValidationResult($"lane {Id}: Restricted.Windows[{i}] is empty (Start = End)", [nameof(Restricted)]);
                }
            }
        }
    }
}
