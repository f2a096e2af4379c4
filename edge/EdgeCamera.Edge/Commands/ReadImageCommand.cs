using System.Globalization;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// <c>edgecam read-image FILE...</c>: runs the edge's own detector and reader on still images and prints one line per
/// plate. A technician's check, and the arm64 smoke test under qemu (publish.sh).
/// </summary>
public static class ReadImageCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        if (!EngineArguments.TryParse(args, out var engineKind, out var runtime, out var files, out var engineError) || files.Length == 0)
        {
            output.WriteLine(engineError ?? "usage: edgecam read-image [--engine onnx|onnx+tesseract|classic] [--models DIR] FILE...");
            return 2;
        }

        using var engine = PlateEngine.Create(engineKind, runtime);
        var detector = engine.Detector;
        var reader = engine.Reader;
        var candidates = new PlateCandidate[8];
        var failures = 0;
        foreach (var file in files)
        {
            if (!ImageFrames.TryLoad(file, out var frame, out var error))
            {
                output.WriteLine($"{file}\terror\t{error}");
                failures++;
                continue;
            }

            using (frame)
            {
                var found = detector.Detect(frame!, candidates);
                if (found == 0)
                {
                    output.WriteLine($"{file}\tno plate found");
                }

                for (var i = 0; i < found; i++)
                {
                    var box = candidates[i].Box;
                    var text = reader.TryRead(frame!, candidates[i].ReadBox, out var read) ? $"{read.Text}\t{read.Country}\t{read.Confidence.ToString("F2", CultureInfo.InvariantCulture)}{Halves(read)}" : "unreadable";
                    output.WriteLine($"{file}\t{box.X},{box.Y},{box.Width},{box.Height}\t{text}");
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>The Arabic half of a bilingual plate, as read, and whether it says what the Latin half says.</summary>
    private static string Halves(PlateText read) => read.ArabicHalf is null
        ? string.Empty
        : $"\tArabic half {read.ArabicScript ?? read.ArabicHalf} ({read.HalvesAgree switch { true => "agrees", false => "differs", null => "not compared" }})";
}
