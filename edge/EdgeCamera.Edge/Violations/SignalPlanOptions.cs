using System.ComponentModel.DataAnnotations;
using EdgeCamera.Hardware.Scenario;

namespace EdgeCamera.Edge.Violations;

/// <summary>A simulated fixed-time signal for one approach (see <see cref="SignalPlan"/>).</summary>
public sealed class SignalPlanOptions
{
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string Approach { get; set; } = "";

    public TimeSpan Green { get; set; }

    public TimeSpan Amber { get; set; }

    public TimeSpan Red { get; set; }

    /// <summary>When green begins, from the clip's start.</summary>
    public TimeSpan GreenStartsAt { get; set; }

    public SignalPlan ToPlan() => new(Approach, Green, Amber, Red, GreenStartsAt);
}
