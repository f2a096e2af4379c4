namespace EdgeCamera.Violations.Rules;

public enum RuleVerdict
{
    /// <summary>The rule has nothing to judge (no stop line in the lane, no speed measurement, no schedule).</summary>
    NotApplicable,

    Compliant,

    Violation,

    /// <summary>It looks like a violation but may not be issued (calibration, sensors disagree); kept, flagged.</summary>
    Withheld,
}
