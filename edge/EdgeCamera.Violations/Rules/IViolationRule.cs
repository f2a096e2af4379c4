using EdgeCamera.Violations.Passages;

namespace EdgeCamera.Violations.Rules;

/// <summary>One traffic rule. Rules are independent: each judges the passage on its own.</summary>
public interface IViolationRule
{
    /// <summary>The code its violations carry.</summary>
    string TypeCode { get; }

    RuleOutcome Evaluate(VehiclePassage passage);
}
