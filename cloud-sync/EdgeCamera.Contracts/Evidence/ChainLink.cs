namespace EdgeCamera.Contracts.Evidence;

/// <summary>The end of a device's hash chain: the last sequence number signed and the SHA-256 of its manifest.</summary>
public sealed record ChainLink(long Sequence, string ManifestSha256)
{
    /// <summary>What the first package (sequence 1) names as its predecessor.</summary>
    public const string GenesisSha256 = "0000000000000000000000000000000000000000000000000000000000000000";

    public static ChainLink Genesis { get; } = new(0, GenesisSha256);
}
