namespace EdgeCamera.Violations.Rules;

/// <summary>Violation type codes, as in the national fines table (cloud-sync/EdgeCamera.NationalSim settings).</summary>
public static class TypeCodes
{
    public const string Speeding = "SPD";
    public const string RedLight = "RLT";
    public const string RestrictedLane = "BUS";
    public const string WrongWay = "WWY";

    /// <summary>A watch-list hit; not in the fines table, never fined.</summary>
    public const string WatchListHit = "WLH";
}
