using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCamera.Hardware.Scenario;

/// <summary>The simulated camera's groundtruth.json (hardware/simcam/README.md), the parts a scenario needs.</summary>
public sealed record SimcamGroundTruth(
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("fps")] int Fps,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("vehicles")] IReadOnlyList<SimcamVehicle> Vehicles)
{
    /// <summary>False (and no exception) when the file is missing, unreadable or not ground truth.</summary>
    public static bool TryLoad(string path, out SimcamGroundTruth truth)
    {
        truth = null!;
        try
        {
            var parsed = JsonSerializer.Deserialize<SimcamGroundTruth>(File.ReadAllBytes(path));
            if (parsed is null || parsed.Fps <= 0 || parsed.Frames <= 0 || parsed.Vehicles is null)
            {
                return false;
            }

            truth = parsed;
            return true;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Time of frame <paramref name="frame"/> from the clip's start.</summary>
    public TimeSpan FrameTime(double frame) => TimeSpan.FromSeconds(frame / Fps);
}

public sealed record SimcamVehicle(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("plate")] string Plate,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("lane")] int Lane,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("vehicle")] string Kind,
    [property: JsonPropertyName("first_frame")] int FirstFrame,
    [property: JsonPropertyName("last_frame")] int LastFrame,
    [property: JsonPropertyName("boxes")] IReadOnlyList<SimcamBox>? Boxes);

public sealed record SimcamBox(
    [property: JsonPropertyName("frame")] int Frame,
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y,
    [property: JsonPropertyName("w")] int Width,
    [property: JsonPropertyName("h")] int Height);
