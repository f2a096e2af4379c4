namespace EdgeCamera.Vision.Onnx;

/// <summary>
/// What the edge needs to know about the plate box refiner (models/CONTRACT.md): the region it looks at around a
/// detector box (the box widened by <see cref="RegionX"/> of its width and <see cref="RegionY"/> of its height per
/// side, clamped to the frame), sampled grey at <see cref="InputWidthPx"/>×<see cref="InputHeightPx"/>, and the output
/// that gives the plate's edges as fractions of that region.
/// </summary>
public sealed record RefinerModelInfo(
    string Name,
    string Version,
    string InputName,
    int InputWidthPx,
    int InputHeightPx,
    double RegionX,
    double RegionY,
    string EdgesOutput)
{
    /// <summary>Reads <paramref name="jsonPath"/>; throws <see cref="InvalidDataException"/> naming the missing field.</summary>
    public static RefinerModelInfo Load(string jsonPath)
    {
        using var doc = ModelJson.Open(jsonPath);
        var root = doc.RootElement;
        var input = ModelJson.GreyInput(root, jsonPath, "refiner");
        var info = new RefinerModelInfo(
            ModelJson.String(root, "name", jsonPath),
            ModelJson.String(root, "version", jsonPath),
            ModelJson.String(input, "name", jsonPath),
            ModelJson.Int(input, "width", jsonPath),
            ModelJson.Int(input, "height", jsonPath),
            ModelJson.Number(input, "region_x", jsonPath),
            ModelJson.Number(input, "region_y", jsonPath),
            ModelJson.String(ModelJson.Object(root, "outputs", jsonPath), "edges", jsonPath));
        if (info.RegionX is < 0 or > 2 || info.RegionY is < 0 or > 2 || info.InputWidthPx <= 0 || info.InputHeightPx <= 0)
        {
            throw new InvalidDataException($"{jsonPath}: region_x and region_y must lie in [0, 2] and the input size be positive");
        }

        return info;
    }
}
