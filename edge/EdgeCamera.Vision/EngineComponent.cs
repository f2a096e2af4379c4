namespace EdgeCamera.Vision;

/// <summary>
/// One part of a plate engine as evidence names it: a model and its version, with the first 12 hex digits of the
/// model file's SHA-256 where there is a file, so a package names the exact weights that read the plate.
/// </summary>
public sealed record EngineComponent(string Name, string Version)
{
    /// <summary>A model file's component: its sidecar's name and version plus the file's hash, e.g. "3 sha256:1a2b…".</summary>
    public static EngineComponent ForModelFile(string name, string version, string onnxPath)
    {
        using var file = File.OpenRead(onnxPath);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
        return new EngineComponent(name, $"{version} sha256:{hash[..12]}");
    }
}
