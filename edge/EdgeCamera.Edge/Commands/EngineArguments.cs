using System.Globalization;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Onnx;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// The plate-engine switches the offline commands share: <c>--engine onnx|onnx+tesseract|classic</c> (default: the
/// service's own default, <see cref="PlateEngineOptions.Engine"/>, so a check runs what the unit runs) and <c>--models DIR</c> (a folder holding plate-detector.onnx and
/// plate-recogniser.onnx with their .json, and plate-verifier.onnx, plate-refiner.onnx and plate-recogniser-b.onnx when it has them)
/// , <c>--mirrored-look</c> (<see cref="OnnxRuntimeOptions.MirroredDetectorLook"/> on) and <c>--faint-peak-score S</c>
/// (<see cref="OnnxRuntimeOptions.FaintPeakScore"/>). Returns the remaining arguments.
/// </summary>
public static class EngineArguments
{
    public static bool TryParse(string[] args, out PlateEngineKind kind, out OnnxRuntimeOptions runtime, out string[] rest, out string? error)
    {
        runtime = new OnnxRuntimeOptions();
        kind = new PlateEngineOptions().Engine;
        var remaining = new List<string>();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engine" when i + 1 < args.Length:
                    string value = args[++i];
                    switch (value)
                    {
                        case "onnx" or "onnx-only": kind = PlateEngineKind.Onnx; break;
                        case "onnx+tesseract": kind = PlateEngineKind.OnnxTesseract; break;
                        case "classic": kind = PlateEngineKind.Classic; break;
                        default: error = $"unknown engine '{value}' (onnx, onnx+tesseract, classic)"; break;
                    }

                    break;
                case "--models" when i + 1 < args.Length:
                    runtime.UseModelsFolder(args[++i]);
                    if (kind == PlateEngineKind.Classic)
                    {
                        kind = PlateEngineKind.Onnx;
                    }

                    break;
                case "--mirrored-look":
                    runtime.MirroredDetectorLook = true;
                    break;
                case "--faint-peak-score" when i + 1 < args.Length:
                    if (double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out double faint) && faint is >= 0 and <= 1)
                    {
                        runtime.FaintPeakScore = faint;
                    }
                    else
                    {
                        error = $"--faint-peak-score needs a score from 0 to 1, not '{args[i]}'";
                    }

                    break;
                case "--engine" or "--models" or "--faint-peak-score":
                    error = $"{args[i]} needs a value";
                    break;
                default:
                    remaining.Add(args[i]);
                    break;
            }
        }

        rest = [.. remaining];
        return error is null;
    }
}
