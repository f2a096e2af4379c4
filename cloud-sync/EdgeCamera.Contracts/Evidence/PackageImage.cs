namespace EdgeCamera.Contracts.Evidence;

/// <summary>The bytes of one image as they travel beside the manifest (JPEG). The manifest's entry of the same name
/// holds their SHA-256.</summary>
public sealed record PackageImage(string Name, byte[] Data);
