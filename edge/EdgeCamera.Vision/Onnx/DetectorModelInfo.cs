using System.Text.Json;

namespace EdgeCamera.Vision.Onnx;

/// <summary>
/// What the edge needs to know about the plate detector, read from the JSON file beside the ONNX file
/// (models/CONTRACT.md): input size and name, letterbox pad value, output stride and names, score threshold.
/// </summary>
public sealed record DetectorModelInfo(
    string Name,
    string Version,
    string InputName,
    int InputWidthPx,
    int InputHeightPx,
    float PadValue,
    int StridePx,
    string HeatmapOutput,
    string BoxOutput,
    float Threshold)
{
    /// <summary>Reads <paramref name="jsonPath"/>; throws <see cref="InvalidDataException"/> naming the missing field.</summary>
    public static DetectorModelInfo Load(string jsonPath)
    {
        using var doc = ModelJson.Open(jsonPath);
        var root = doc.RootElement;
        var input = ModelJson.Object(root, "input", jsonPath);
        var outputs = ModelJson.Object(root, "outputs", jsonPath);
        var info = new DetectorModelInfo(
            ModelJson.String(root, "name", jsonPath),
            ModelJson.String(root, "version", jsonPath),
            ModelJson.String(input, "name", jsonPath),
            ModelJson.Int(input, "width", jsonPath),
            ModelJson.Int(input, "height", jsonPath),
            (float)ModelJson.Number(input, "pad", jsonPath),
            ModelJson.Int(root, "stride", jsonPath),
            ModelJson.String(outputs, "heatmap", jsonPath),
            ModelJson.String(outputs, "box", jsonPath),
            (float)ModelJson.Number(root, "threshold", jsonPath));
        if (info.InputWidthPx % info.StridePx != 0 || info.InputHeightPx % info.StridePx != 0)
        {
            throw new InvalidDataException($"{jsonPath}: input {info.InputWidthPx}x{info.InputHeightPx} is not a multiple of stride {info.StridePx}");
        }

        return info;
    }
}
