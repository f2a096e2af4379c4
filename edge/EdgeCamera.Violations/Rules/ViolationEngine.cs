using EdgeCamera.Violations.Fines;
using EdgeCamera.Violations.Passages;

namespace EdgeCamera.Violations.Rules;

/// <summary>Runs every rule on a passage and attaches each offence's fines-table entry.</summary>
public sealed class ViolationEngine
{
    private readonly IReadOnlyList<IViolationRule> _rules;
    private readonly FinesOptions _fines;

    public ViolationEngine(IEnumerable<IViolationRule> rules, FinesOptions fines, RuleStats stats)
    {
        _rules = [.. rules];
        _fines = fines;
        Stats = stats;
    }

    public RuleStats Stats { get; }

    /// <summary>Offence type codes that have no entry in the fines table (check at start: such violations could not be noticed).</summary>
    public IReadOnlyList<string> CodesWithoutFine() =>
        [.. _rules.Select(r => r.TypeCode).Where(c => c != TypeCodes.WatchListHit && !_fines.Items.ContainsKey(c))];

    public IReadOnlyList<RuleOutcome> Evaluate(VehiclePassage passage)
    {
        var outcomes = new List<RuleOutcome>(_rules.Count);
        foreach (var rule in _rules)
        {
            var outcome = rule.Evaluate(passage);
            if (outcome.Violation is { Kind: ViolationKind.Offence } v && _fines.Items.TryGetValue(v.TypeCode, out var fine))
            {
                outcome = outcome with
                {
                    Violation = v with { Fine = fine },
                };
            }

            Stats.Count(outcome);
            outcomes.Add(outcome);
        }

        return outcomes;
    }
}
