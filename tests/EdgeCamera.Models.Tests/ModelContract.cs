using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeCamera.Models.Tests;

/// <summary>
/// Checks the detector, recognisers, verifier and box refiner against models/CONTRACT.md: JSON sidecar keys, ONNX input and output
/// names, and the output shapes of one real inference.
/// </summary>
internal static class ModelContract
{
    // CONTRACT.md: detector input [1,3,384,640], stride 4 → grid 96×160.
    private const int DetectorWidthPx = 640;
    private const int DetectorHeightPx = 384;
    private const int DetectorStridePx = 4;

    // CONTRACT.md: recogniser input [N,1,64,160]; text outputs decoded by CTC over 40 columns (4 input pixels each).
    private const int CropWidthPx = 160;
    private const int CropHeightPx = 64;
    private const int Columns = 40;

    public static void CheckDetector(string onnxPath, string jsonPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = json.RootElement;
        var input = root.GetProperty("input");
        Assert.Equal("image", input.GetProperty("name").GetString());
        Assert.Equal(DetectorWidthPx, input.GetProperty("width").GetInt32());
        Assert.Equal(DetectorHeightPx, input.GetProperty("height").GetInt32());
        Assert.Equal(0.5, input.GetProperty("pad").GetDouble(), 6);
        Assert.Equal(DetectorStridePx, root.GetProperty("stride").GetInt32());
        var threshold = root.GetProperty("threshold").GetDouble();
        Assert.InRange(threshold, 0.01, 0.99);
        Assert.InRange(root.GetProperty("parameters").GetInt64(), 1, 3_000_000);   // issue 3: ≤ 3 M parameters

        using var session = new InferenceSession(onnxPath);
        Assert.Equal(["image"], session.InputMetadata.Keys);
        Assert.Equal(new[] { "box", "heatmap" }, session.OutputMetadata.Keys.Order(StringComparer.Ordinal));
        var image = new DenseTensor<float>([1, 3, DetectorHeightPx, DetectorWidthPx]);
        image.Fill(0.5f);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", image)]);
        int gridH = DetectorHeightPx / DetectorStridePx, gridW = DetectorWidthPx / DetectorStridePx;
        var heat = Output(results, root.GetProperty("outputs").GetProperty("heatmap").GetString());
        var box = Output(results, root.GetProperty("outputs").GetProperty("box").GetString());
        Assert.Equal(new[] { 1, 1, gridH, gridW }, heat.Dimensions.ToArray());
        Assert.Equal(new[] { 1, 4, gridH, gridW }, box.Dimensions.ToArray());
        Assert.All(heat.ToArray(), p => Assert.InRange(p, 0f, 1f));          // sigmoid inside the graph
        var boxes = box.ToArray();
        var cells = gridH * gridW;
        Assert.All(boxes.Take(2 * cells), o => Assert.InRange(o, 0f, 1f));    // sub-cell offsets (sigmoid)
        Assert.All(boxes.Skip(2 * cells), s => Assert.True(s > 0f));          // sizes in pixels (exp)
    }

    public static void CheckRecogniser(string onnxPath, string jsonPath, int batch)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = json.RootElement;
        AssertCropInput(root.GetProperty("input"));
        var alphabet = root.GetProperty("alphabet").GetString()!;
        Assert.Equal("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", alphabet);
        Assert.Equal("ctc", root.GetProperty("decoding").GetString());
        Assert.Equal(Columns, root.GetProperty("slots").GetInt32());
        var formats = root.GetProperty("formats").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Contains("other", formats);
        Assert.Contains("sa-private", formats);

        using var session = new InferenceSession(onnxPath);
        Assert.Equal(["crop"], session.InputMetadata.Keys);
        Assert.Equal(-1, session.InputMetadata["crop"].Dimensions[0]);            // N is a dynamic axis
        var crop = new DenseTensor<float>([batch, 1, CropHeightPx, CropWidthPx]);
        crop.Fill(0.8f);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("crop", crop)]);
        var outputs = root.GetProperty("outputs");
        var latin = Output(results, outputs.GetProperty("latin").GetString());
        var format = Output(results, outputs.GetProperty("format").GetString());
        var arabic = Output(results, outputs.GetProperty("arabic").GetString());
        Assert.Equal(new[] { batch, Columns, alphabet.Length + 1 }, latin.Dimensions.ToArray());
        Assert.Equal(new[] { batch, Columns, alphabet.Length + 1 }, arabic.Dimensions.ToArray());
        Assert.Equal(new[] { batch, formats.Length }, format.Dimensions.ToArray());
        AssertRowsSumToOne(latin.ToArray(), alphabet.Length + 1);                // softmax inside the graph
        AssertRowsSumToOne(arabic.ToArray(), alphabet.Length + 1);
        AssertRowsSumToOne(format.ToArray(), formats.Length);
    }

    public static void CheckVerifier(string onnxPath, string jsonPath, int batch)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = json.RootElement;
        AssertCropInput(root.GetProperty("input"));                               // the recogniser's crop
        Assert.InRange(root.GetProperty("threshold").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("faint_threshold").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("detector_threshold").GetDouble(), 0.001, 1.0);

        using var session = new InferenceSession(onnxPath);
        Assert.Equal(["crop"], session.InputMetadata.Keys);
        Assert.Equal(-1, session.InputMetadata["crop"].Dimensions[0]);            // N is a dynamic axis
        var crop = new DenseTensor<float>([batch, 1, CropHeightPx, CropWidthPx]);
        crop.Fill(0.3f);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("crop", crop)]);
        var plate = Output(results, root.GetProperty("outputs").GetProperty("plate").GetString());
        Assert.Equal(new[] { batch, 1 }, plate.Dimensions.ToArray());
        Assert.All(plate.ToArray(), p => Assert.InRange(p, 0f, 1f));          // sigmoid inside the graph
    }

    public static void CheckRefiner(string onnxPath, string jsonPath, int batch)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = json.RootElement;
        var input = root.GetProperty("input");
        Assert.Equal("region", input.GetProperty("name").GetString());
        Assert.Equal(CropWidthPx, input.GetProperty("width").GetInt32());
        Assert.Equal(CropHeightPx, input.GetProperty("height").GetInt32());
        Assert.Equal(1, input.GetProperty("channels").GetInt32());
        Assert.InRange(input.GetProperty("region_x").GetDouble(), 0.0, 2.0);
        Assert.InRange(input.GetProperty("region_y").GetDouble(), 0.0, 2.0);

        using var session = new InferenceSession(onnxPath);
        Assert.Equal(["region"], session.InputMetadata.Keys);
        Assert.Equal(-1, session.InputMetadata["region"].Dimensions[0]);           // N is a dynamic axis
        var region = new DenseTensor<float>([batch, 1, CropHeightPx, CropWidthPx]);
        region.Fill(0.3f);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("region", region)]);
        var edges = Output(results, root.GetProperty("outputs").GetProperty("edges").GetString());
        Assert.Equal(new[] { batch, 4 }, edges.Dimensions.ToArray());
        Assert.All(edges.ToArray(), e => Assert.True(float.IsFinite(e)));
    }

    /// <summary>The crop input the recogniser and the verifier share: grey 160×64, box + 10 % margin.</summary>
    private static void AssertCropInput(JsonElement input)
    {
        Assert.Equal("crop", input.GetProperty("name").GetString());
        Assert.Equal(CropWidthPx, input.GetProperty("width").GetInt32());
        Assert.Equal(CropHeightPx, input.GetProperty("height").GetInt32());
        Assert.Equal(1, input.GetProperty("channels").GetInt32());
        Assert.Equal(0.10, input.GetProperty("margin").GetDouble(), 6);
    }

    private static Tensor<float> Output(IReadOnlyCollection<DisposableNamedOnnxValue> results, string? name) =>
        results.Single(r => r.Name == name).AsTensor<float>();

    private static void AssertRowsSumToOne(float[] values, int rowLength)
    {
        for (var i = 0; i < values.Length; i += rowLength)
        {
            Assert.Equal(1.0, values.AsSpan(i, rowLength).ToArray().Sum(), 3);
        }
    }
}
