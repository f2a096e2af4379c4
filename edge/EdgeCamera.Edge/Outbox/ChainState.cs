namespace EdgeCamera.Edge.Outbox;

/// <summary>The end of this device's hash chain, kept in the outbox database (one document) so the sequence number
/// and previous hash survive restarts; written in the same transaction as the package that moved it.</summary>
public sealed class ChainState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSequence { get; set; }

    public string LastManifestSha256 { get; set; } = string.Empty;
}
