namespace EdgeCamera.Contracts.Evidence;

/// <summary>One image of the evidence (JPEG). <see cref="Sha256Hex"/> is the lower-case hex SHA-256 of <see cref="Data"/>.</summary>
public sealed record EvidenceImage(string Name, string ContentType, string Sha256Hex, byte[] Data)
{
    public const string FullFrame = "frame";
    public const string PlateCrop = "plate";

    public static EvidenceImage Jpeg(string name, byte[] data) =>
        new(name, "image/jpeg", ImageHash.Sha256Hex(data), data);
}
