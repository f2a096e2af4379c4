using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Site;

/// <summary>
/// A weekly window in the site's local time: on each of <see cref="Days"/> from <see cref="Start"/> (inclusive) to
/// <see cref="End"/> (exclusive). An end at or before the start runs past midnight into the next day.
/// </summary>
public sealed class ScheduleWindowOptions
{
    [MinLength(1)]
    public List<DayOfWeek> Days { get; set; } = [];

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }

    public bool Contains(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (End > Start)
        {
            return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
        }

        // Overnight: the evening part on a listed day, the morning part on the day after.
        return (Days.Contains(local.DayOfWeek) && time >= Start)
            || (Days.Contains(local.AddDays(-1).DayOfWeek) && time < End);
    }
}
