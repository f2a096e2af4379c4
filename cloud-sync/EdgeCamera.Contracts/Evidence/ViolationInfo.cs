namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// What the device reports the vehicle for: a type code from the site's fines table and its description, the lane,
/// the calibration record the measuring parts were under, and the measurements that prove it (intervals from the
/// monotonic clock, speeds), e.g. <c>{ "name": "timeSinceRed", "value": 2.41, "unit": "s" }</c>.
/// </summary>
public sealed record ViolationInfo(string TypeCode, string Description)
{
    /// <summary>Lane number counted from the kerb, 1 first; null when the rule does not depend on a lane.</summary>
    public int? Lane { get; init; }

    /// <summary>Id of the calibration (camera geometry, loop spacing, radar) the measurements were made under.</summary>
    public string? CalibrationId { get; init; }

    public IReadOnlyList<Measurement> Measurements { get; init; } = [];
}
