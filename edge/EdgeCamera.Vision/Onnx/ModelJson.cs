using System.Text.Json;

namespace EdgeCamera.Vision.Onnx;

/// <summary>Reads the model metadata files with errors that name the file and the field.</summary>
internal static class ModelJson
{
    public static JsonDocument Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model metadata {path} not found (models/CONTRACT.md)", path);
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {ex.Message}", ex);
        }
    }

    public static JsonElement Object(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw Missing(path, name, "an object");

    public static string String(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Missing(path, name, "a string");

    public static double Number(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw Missing(path, name, "a number");

    public static int Int(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n > 0
            ? n
            : throw Missing(path, name, "a positive integer");

    public static IReadOnlyList<string> Strings(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw Missing(path, name, "an array of strings");
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Missing(path, name, "an array of strings"));
        }

        return list;
    }

    /// <summary>The grey crop input the recogniser and the verifier share (<c>input</c>: name, width, height, one
    /// channel, margin).</summary>
    public static GreyCropInput GreyCrop(JsonElement root, string path, string model)
    {
        var input = GreyInput(root, path, model);
        return new GreyCropInput(String(input, "name", path), Int(input, "width", path), Int(input, "height", path), Number(input, "margin", path));
    }

    /// <summary>A model's <c>input</c> object, checked to take one grey channel (every model but the detector).</summary>
    public static JsonElement GreyInput(JsonElement root, string path, string model)
    {
        var input = Object(root, "input", path);
        if (Int(input, "channels", path) != 1)
        {
            throw new InvalidDataException($"{path}: the {model} must take one grey channel");
        }

        return input;
    }

    private static InvalidDataException Missing(string path, string name, string what) =>
        new($"{path}: field '{name}' must be {what} (models/CONTRACT.md)");
}

/// <summary>A model's grey crop input: tensor name, size, and the margin added around the plate box per side.</summary>
internal readonly record struct GreyCropInput(string Name, int WidthPx, int HeightPx, double Margin);
