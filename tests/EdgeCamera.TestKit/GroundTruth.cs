using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCamera.TestKit;

/// <summary>What the simulated camera's clip contains (hardware/simcam/README.md describes the file).</summary>
public sealed record GroundTruth(
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("fps")] int Fps,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("vehicles")] IReadOnlyList<GroundTruthVehicle> Vehicles)
{
    public static GroundTruth Load(string path) =>
        JsonSerializer.Deserialize<GroundTruth>(File.ReadAllBytes(path)) ?? throw new InvalidDataException(path);
}

public sealed record GroundTruthVehicle(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("plate")] string Plate,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("first_frame")] int FirstFrame,
    [property: JsonPropertyName("last_frame")] int LastFrame);
