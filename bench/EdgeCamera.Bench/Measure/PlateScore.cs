using EdgeCamera.Hardware.Scenario;
using EdgeCamera.TestKit;
using EdgeCamera.Vision;

namespace EdgeCamera.Bench.Measure;

/// <summary>
/// Emitted reads against the clip's ground truth. The vehicles scored are those that left the picture within the run;
/// one counts as read exactly when an emitted read has its plate text (each read matches at most one vehicle). Reads
/// of vehicles still in the picture when the run stopped are neither scored nor wrong; other reads are wrong or extra.
/// </summary>
internal sealed record PlateScore(int Vehicles, int ReadExactly, int Emitted, int WrongOrExtra, IReadOnlyList<string> Missed, IReadOnlyList<string> Wrong)
{
    public double Share => Vehicles == 0 ? double.NaN : (double)ReadExactly / Vehicles;

    /// <param name="framesSeen">Frames of the clip the run covered.</param>
    public static PlateScore Of(IReadOnlyList<VehicleRead> reads, SimcamGroundTruth truth, long framesSeen)
    {
        var scored = truth.Vehicles.Where(v => v.LastFrame < framesSeen).ToList();
        var unmatched = reads.Select(r => r.Text).ToList();
        var missed = new List<string>();
        foreach (var v in scored)
        {
            if (!unmatched.Remove(v.Plate))
            {
                missed.Add(v.Plate);
            }
        }

        foreach (var v in truth.Vehicles.Where(v => v.FirstFrame < framesSeen && v.LastFrame >= framesSeen))
        {
            unmatched.Remove(v.Plate);
        }

        return new PlateScore(scored.Count, scored.Count - missed.Count, reads.Count, unmatched.Count, missed, unmatched);
    }
}
