namespace EdgeCamera.Vision;

/// <summary>
/// Joins the detector's look at a frame with its look at the same frame mirrored left to right
/// (<see cref="Onnx.OnnxRuntimeOptions.MirroredDetectorLook"/>): a mirrored box is flipped back into the frame; one that
/// overlaps a first-look box by more than <see cref="HeatmapDecoder.OverlapIou"/> only raises that box's score to the
/// higher of the two (the first look's box stays: the readers learned on it), any other is added. Best first, as the
/// detector writes them. No allocation.
/// </summary>
public static class MirroredLookMerger
{
    /// <summary>Candidates the mirrored look decodes at most (a road scene has a handful of plates).</summary>
    public const int MaxCandidates = 16;

    /// <summary>Merges <paramref name="mirrored"/> (boxes in the mirrored frame) into the first
    /// <paramref name="count"/> of <paramref name="found"/>; returns how many <paramref name="found"/> holds now.</summary>
    public static int Merge(Span<PlateCandidate> found, int count, ReadOnlySpan<PlateCandidate> mirrored, int frameWidth)
    {
        int firstLook = count;
        foreach (PlateCandidate candidate in mirrored)
        {
            PixelBox box = candidate.Box;
            var flipped = PixelBox.FromEdges(frameWidth - box.Right, box.Y, frameWidth - box.X, box.Bottom);
            int match = -1;
            double best = HeatmapDecoder.OverlapIou;
            for (int i = 0; i < firstLook; i++)
            {
                double iou = found[i].Box.Iou(flipped);
                if (iou > best)
                {
                    (match, best) = (i, iou);
                }
            }

            if (match >= 0)
            {
                if (candidate.Score > found[match].Score)
                {
                    found[match] = found[match] with { Score = candidate.Score };
                }
            }
            else if (count < found.Length)
            {
                found[count++] = new PlateCandidate(flipped, candidate.Score);
            }
        }

        Detection.CandidateMerger.SortByScoreDescending(found[..count]);
        return count;
    }
}
