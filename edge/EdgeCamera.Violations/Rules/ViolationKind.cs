namespace EdgeCamera.Violations.Rules;

public enum ViolationKind
{
    /// <summary>A fineable offence (speeding, red light, restricted lane, wrong way).</summary>
    Offence,

    /// <summary>A watch-list hit: reported to the authority, never a fine.</summary>
    WatchListHit,
}
