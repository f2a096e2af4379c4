namespace EdgeCamera.Hardware.Scenario;

/// <summary>
/// A fixed-time signal for one approach: green, amber, red, again. The cycle starts (green begins) at
/// <see cref="GreenStartsAt"/> from the clip's start; before that the previous cycle is running.
/// </summary>
public sealed record SignalPlan(string Approach, TimeSpan Green, TimeSpan Amber, TimeSpan Red, TimeSpan GreenStartsAt)
{
    public TimeSpan Cycle => Green + Amber + Red;
}
