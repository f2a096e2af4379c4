using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.MicroBench;

/// <summary>Where the ONNX benchmarks find plate-detector.onnx and plate-recogniser.onnx (+ .json): <c>--models DIR</c>, default models/.</summary>
internal static class BenchModels
{
    /// <summary>Set once by Program before any benchmark runs (the in-process toolchain shares this static).</summary>
    public static string Directory { get; set; } = "models";

    public static OnnxRuntimeOptions Runtime(int intraOpThreads, GraphOptimizationLevel optimisation) => new()
    {
        DetectorPath = Path.GetFullPath(Path.Combine(Directory, "plate-detector.onnx")),
        RecogniserPath = Path.GetFullPath(Path.Combine(Directory, "plate-recogniser.onnx")),
        IntraOpThreads = intraOpThreads,
        GraphOptimization = optimisation,
    };
}
