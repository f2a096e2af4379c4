namespace EdgeCamera.Violations.Passages;

/// <summary>Which way the vehicle moved, seen from the camera.</summary>
public enum PassageDirection
{
    Unknown,
    Approaching,
    Receding,
}
