namespace EdgeCamera.Violations.Site;

/// <summary>The lawful direction of travel in a lane, seen from the camera.</summary>
public enum LaneDirection
{
    /// <summary>Towards the camera (front plates).</summary>
    Approaching,

    /// <summary>Away from the camera (rear plates).</summary>
    Receding,
}
