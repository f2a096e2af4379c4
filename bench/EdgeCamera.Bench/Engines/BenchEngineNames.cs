namespace EdgeCamera.Bench.Engines;

/// <summary>The engines' names on the command line and in the table.</summary>
internal static class BenchEngineNames
{
    public static string Of(BenchEngineKind kind) => kind switch
    {
        BenchEngineKind.Onnx => "onnx",
        BenchEngineKind.OnnxTesseract => "onnx+tesseract",
        BenchEngineKind.Classic => "classic",
        BenchEngineKind.Haar => "haar",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out BenchEngineKind kind)
    {
        foreach (var k in Enum.GetValues<BenchEngineKind>())
        {
            if (string.Equals(Of(k), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
