namespace EdgeCamera.Vision.Detection;

/// <summary>Greedy merge of overlapping candidates: best score first; overlapping or nested boxes are united.</summary>
internal static class CandidateMerger
{
    /// <summary>Share of the smaller box inside the larger one that counts as nested.</summary>
    private const double NestedShare = 0.6;

    public static int MergeInto(Span<PlateCandidate> raw, Span<PlateCandidate> found, double mergeIou)
    {
        SortByScoreDescending(raw);
        int count = 0;
        foreach (PlateCandidate candidate in raw)
        {
            bool merged = false;
            for (int i = 0; i < count; i++)
            {
                PixelBox kept = found[i].Box;
                long smaller = Math.Min(kept.Area, candidate.Box.Area);
                bool nested = smaller > 0 && kept.Intersect(candidate.Box).Area >= NestedShare * smaller;
                if (nested || kept.Iou(candidate.Box) > mergeIou)
                {
                    found[i] = new PlateCandidate(kept.Union(candidate.Box), Math.Max(found[i].Score, candidate.Score));
                    merged = true;
                    break;
                }
            }

            if (!merged && count < found.Length)
            {
                found[count++] = candidate;
            }
        }

        return count;
    }

    /// <summary>Insertion sort, best score first, in place: a handful of candidates, no allocation.</summary>
    internal static void SortByScoreDescending(Span<PlateCandidate> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            PlateCandidate item = items[i];
            int j = i - 1;
            while (j >= 0 && items[j].Score < item.Score)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }
}
