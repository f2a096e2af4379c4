namespace EdgeCamera.Vision;

/// <summary>
/// Turns the detector's centre heatmap and box maps into plate boxes in frame pixels (models/CONTRACT.md):
/// a cell is a plate centre when its score reaches the threshold and is the largest of its 3×3 neighbourhood.
/// A long plate (a 520 × 110 mm Saudi plate) can peak twice, once on a part of it: a box lying mostly inside a
/// better one, or mostly covering it, on the same row (<see cref="SamePlateCover"/>, <see cref="SameRow"/>)
/// widens that box to their union; other boxes overlapping a better one by more than <see cref="OverlapIou"/> are
/// dropped. A peak below <see cref="WidenFromScore"/> widens no box: it is kept only as a plate of its own. No
/// allocation.
/// </summary>
internal sealed class HeatmapDecoder(int gridWidth, int gridHeight, int stridePx)
{
    /// <summary>Two centres of one plate overlap far more than two plates do (two plates side by side: IoU 0).</summary>
    public const double OverlapIou = 0.3;

    /// <summary>Share of the smaller box inside the other for two boxes to be parts of one plate.</summary>
    public const double SamePlateCover = 0.7;

    /// <summary>Share of the lower box's height the two boxes overlap vertically for them to be one plate.</summary>
    public const double SameRow = 0.6;

    /// <summary>Peaks kept before overlap suppression; a road scene has at most a handful of plates.</summary>
    private const int MaxPeaks = 32;

    private readonly PlateCandidate[] _peaks = new PlateCandidate[MaxPeaks];

    /// <summary>The score a peak needs to widen a better box it is part of. Faint peaks kept to find faint plates
    /// would otherwise loosen the boxes of plates found surely (models/cards/plate-detector.md, "Faint peaks").</summary>
    public float WidenFromScore { get; set; }

    public int Decode(
        ReadOnlySpan<float> heatmap, ReadOnlySpan<float> boxes, float threshold, double scale,
        int frameWidth, int frameHeight, Span<PlateCandidate> found)
    {
        int plane = gridWidth * gridHeight;
        int peaks = 0;
        for (int row = 0; row < gridHeight; row++)
        {
            for (int col = 0; col < gridWidth; col++)
            {
                float score = heatmap[(row * gridWidth) + col];
                if (score < threshold || !IsLocalMaximum(heatmap, row, col, score))
                {
                    continue;
                }

                int cell = (row * gridWidth) + col;
                double centreX = (col + boxes[cell]) * stridePx / scale;
                double centreY = (row + boxes[plane + cell]) * stridePx / scale;
                double width = boxes[(2 * plane) + cell] / scale;
                double height = boxes[(3 * plane) + cell] / scale;
                var box = PixelBox.FromEdges(
                    (int)Math.Round(centreX - (width / 2)), (int)Math.Round(centreY - (height / 2)),
                    (int)Math.Round(centreX + (width / 2)), (int)Math.Round(centreY + (height / 2))).Clamp(frameWidth, frameHeight);
                if (!box.IsEmpty)
                {
                    peaks = Insert(new PlateCandidate(box, score), peaks);
                }
            }
        }

        int written = 0;
        for (int i = 0; i < peaks && written < found.Length; i++)
        {
            bool taken = false;
            for (int j = 0; j < written && !taken; j++)
            {
                if (IsPartOfSamePlate(found[j].Box, _peaks[i].Box))
                {
                    if (_peaks[i].Score >= WidenFromScore)
                    {
                        found[j] = found[j] with { Box = found[j].Box.Union(_peaks[i].Box) };
                    }

                    taken = true;
                }
                else
                {
                    taken = found[j].Box.Iou(_peaks[i].Box) > OverlapIou;
                }
            }

            if (!taken)
            {
                found[written++] = _peaks[i];
            }
        }

        return written;
    }

    private static bool IsPartOfSamePlate(PixelBox kept, PixelBox other)
    {
        var overlap = kept.Intersect(other);
        return overlap.Area >= SamePlateCover * Math.Min(kept.Area, other.Area)
            && overlap.Height >= SameRow * Math.Min(kept.Height, other.Height);
    }

    private bool IsLocalMaximum(ReadOnlySpan<float> heatmap, int row, int col, float score)
    {
        for (int dy = -1; dy <= 1; dy++)
        {
            int y = row + dy;
            if (y < 0 || y >= gridHeight)
            {
                continue;
            }

            for (int dx = -1; dx <= 1; dx++)
            {
                int x = col + dx;
                if ((dx != 0 || dy != 0) && x >= 0 && x < gridWidth)
                {
                    float other = heatmap[(y * gridWidth) + x];
                    // Ties go to the first cell in reading order, so a flat top yields one peak.
                    if (other > score || (other == score && (dy < 0 || (dy == 0 && dx < 0))))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Keeps the peaks sorted best first, dropping the weakest when full.</summary>
    private int Insert(PlateCandidate candidate, int count)
    {
        if (count == MaxPeaks && candidate.Score <= _peaks[MaxPeaks - 1].Score)
        {
            return count;
        }

        int i = Math.Min(count, MaxPeaks - 1);
        while (i > 0 && _peaks[i - 1].Score < candidate.Score)
        {
            _peaks[i] = _peaks[i - 1];
            i--;
        }

        _peaks[i] = candidate;
        return Math.Min(count + 1, MaxPeaks);
    }
}
