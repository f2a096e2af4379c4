namespace EdgeCamera.Contracts.Evidence;

/// <summary>An image as the manifest lists it: name, media type, lower-case hex SHA-256 and length of its bytes.</summary>
public sealed record EvidenceImage(string Name, string ContentType, string Sha256Hex, long ByteLength)
{
    public const string FullFrame = "frame";
    public const string PlateCrop = "plate";
    public const string Jpeg = "image/jpeg";

    public static EvidenceImage Describe(PackageImage image, string contentType = Jpeg) =>
        new(image.Name, contentType, ImageHash.Sha256Hex(image.Data), image.Data.LongLength);
}
