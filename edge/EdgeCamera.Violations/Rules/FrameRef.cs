namespace EdgeCamera.Violations.Rules;

/// <summary>A frame the rule names as evidence, with its role ("before", "at", "after", "first", "best", "last").</summary>
public readonly record struct FrameRef(string Role, long FrameSequence);
