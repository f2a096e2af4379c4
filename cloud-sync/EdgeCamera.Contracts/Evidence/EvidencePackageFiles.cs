namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// Packages kept as files, one per package, exactly the bytes that travelled: <c>{deviceId}-{sequence:D10}-{eventId}.evidence.json</c>,
/// so a folder sorts in chain order. What the objections office hands to <c>edgecam verify</c>.
/// </summary>
public static class EvidencePackageFiles
{
    public const string Extension = ".evidence.json";

    public static string FileName(EvidenceManifest manifest) =>
        $"{manifest.DeviceId}-{manifest.Sequence:D10}-{manifest.EventId}{Extension}";

    /// <summary>Writes the package bytes into <paramref name="directory"/>; returns the file's path.</summary>
    public static string Write(string directory, EvidenceManifest manifest, byte[] packageBytes)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(manifest));
        File.WriteAllBytes(path, packageBytes);
        return path;
    }

    /// <summary>The package files a path names: the file itself, or every package file in a folder, in name order.</summary>
    public static IReadOnlyList<string> Find(string path) =>
        Directory.Exists(path)
            ? [.. Directory.EnumerateFiles(path, "*" + Extension).Order(StringComparer.Ordinal)]
            : [path];
}
