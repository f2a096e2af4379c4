namespace EdgeCamera.Violations.Rules;

/// <summary>What a rule decided. <see cref="Violation"/> is set for <see cref="RuleVerdict.Violation"/> and
/// <see cref="RuleVerdict.Withheld"/> (then with its flags).</summary>
public sealed record RuleOutcome(string TypeCode, RuleVerdict Verdict, Violation? Violation, string Reason)
{
    public static RuleOutcome NotApplicable(string typeCode, string reason) => new(typeCode, RuleVerdict.NotApplicable, null, reason);

    public static RuleOutcome Compliant(string typeCode, string reason) => new(typeCode, RuleVerdict.Compliant, null, reason);

    public static RuleOutcome Found(Violation violation) => new(violation.TypeCode, RuleVerdict.Violation, violation, violation.Detail);

    public static RuleOutcome Withheld(Violation violation, string reason) => new(violation.TypeCode, RuleVerdict.Withheld, violation, reason);
}
