using System.Globalization;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Evaluation;

/// <summary>
/// One labelled plate: <c>image&lt;TAB&gt;x,y,w,h&lt;TAB&gt;PLATE[&lt;TAB&gt;COUNTRY[&lt;TAB&gt;ARABIC]]</c>, image path relative
/// to the labels file. ARABIC, for bilingual plates, is what the Arabic half says, written in the canonical Latin form
/// (the official letter table): the same as PLATE on a genuine plate, different on a forged or mismatched one.
/// </summary>
public sealed record LabelledPlate(string ImagePath, PixelBox Box, string Plate, string Country, string? ArabicHalf = null)
{
    /// <summary>Whether the two halves say the same; null when the label does not give the Arabic half.</summary>
    public bool? HalvesAgree => ArabicHalf is null ? null : string.Equals(ArabicHalf, Plate, StringComparison.Ordinal);

    /// <summary>A plate a careful human could not read fully ('?' in the label) is scored for detection only.</summary>
    public bool IsReadable => !Plate.Contains('?', StringComparison.Ordinal);
}

/// <summary>Reads the project's evaluation labels format (models/README.md, shared/datasets/README.md).</summary>
public static class LabelsFile
{
    public static bool TryLoad(string path, out IReadOnlyList<LabelledPlate> plates, out string error)
    {
        var list = new List<LabelledPlate>();
        plates = list;
        if (!File.Exists(path))
        {
            error = $"labels file '{path}' not found";
            return false;
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            var box = f.Length >= 3 ? f[1].Split(',') : [];
            if (f.Length < 3 || box.Length != 4
                || !int.TryParse(box[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
                || !int.TryParse(box[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
                || !int.TryParse(box[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w)
                || !int.TryParse(box[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h))
            {
                error = $"{path}:{lineNo}: expected image<TAB>x,y,w,h<TAB>PLATE[<TAB>COUNTRY[<TAB>ARABIC]]";
                return false;
            }

            var country = f.Length >= 4 && f[3].Length > 0 ? f[3] : PlateFormats.UnknownCountry;
            var arabic = f.Length >= 5 && f[4].Length > 0 ? f[4] : null;
            list.Add(new LabelledPlate(Path.Combine(baseDir, f[0]), new PixelBox(x, y, w, h), f[2], country, arabic));
        }

        error = string.Empty;
        return true;
    }
}
