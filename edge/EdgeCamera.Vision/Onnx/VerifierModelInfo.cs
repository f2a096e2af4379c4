namespace EdgeCamera.Vision.Onnx;

/// <summary>
/// What the edge needs to know about the plate verifier (models/CONTRACT.md): its crop (the recogniser's: grey,
/// size, margin), output name, and its keep rule: the lower score the detector runs at when the verifier checks its
/// boxes, the plate probability a box the detector is sure of needs (<see cref="Threshold"/>) and the one a fainter
/// box needs (<see cref="FaintThreshold"/>).
/// </summary>
public sealed record VerifierModelInfo(
    string Name,
    string Version,
    string InputName,
    int InputWidthPx,
    int InputHeightPx,
    double Margin,
    string PlateOutput,
    float Threshold,
    float FaintThreshold,
    float DetectorThreshold)
{
    /// <summary>Reads <paramref name="jsonPath"/>; throws <see cref="InvalidDataException"/> naming the missing field.</summary>
    public static VerifierModelInfo Load(string jsonPath)
    {
        using var doc = ModelJson.Open(jsonPath);
        var root = doc.RootElement;
        var crop = ModelJson.GreyCrop(root, jsonPath, "verifier");
        var outputs = ModelJson.Object(root, "outputs", jsonPath);
        var info = new VerifierModelInfo(
            ModelJson.String(root, "name", jsonPath),
            ModelJson.String(root, "version", jsonPath),
            crop.Name,
            crop.WidthPx,
            crop.HeightPx,
            crop.Margin,
            ModelJson.String(outputs, "plate", jsonPath),
            (float)ModelJson.Number(root, "threshold", jsonPath),
            (float)ModelJson.Number(root, "faint_threshold", jsonPath),
            (float)ModelJson.Number(root, "detector_threshold", jsonPath));
        if (info.Threshold is < 0 or > 1 || info.FaintThreshold is < 0 or > 1 || info.DetectorThreshold is <= 0 or > 1)
        {
            throw new InvalidDataException($"{jsonPath}: threshold and faint_threshold must lie in [0, 1], detector_threshold in (0, 1]");
        }

        return info;
    }
}
