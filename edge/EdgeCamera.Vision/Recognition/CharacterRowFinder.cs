using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision.Recognition;

/// <summary>
/// Finds the row of Latin characters on a plate crop: dark connected components of character size,
/// clustered into rows by centre height; the lowest full-height row wins (the Latin row of a two-row Saudi
/// plate is the lower one). Smaller text on the same row (KSA/RIM strips) is dropped by its height.
/// Not thread-safe; buffers are reused.
/// </summary>
internal sealed class CharacterRowFinder : IDisposable
{
    /// <summary>Character heights relative to the crop (plate + margin): Latin row of a two-row plate ≈ 0.3,
    /// one-row plate characters ≈ 0.6; the full-height blue band / plate border is taller.</summary>
    private const double MinCharHeightShare = 0.14;
    private const double MaxCharHeightShare = 0.78;

    /// <summary>Smallest character height that still carries a readable shape, in pixels.</summary>
    private const int MinCharHeightPx = 6;

    /// <summary>Characters kept in the chosen row, relative to its median height: Saudi Latin letters measure
    /// ~0.75 of the digits on real plates (saudi-train), the KSA/RIM strip text ~0.4.</summary>
    private const double MinRowHeightShare = 0.55;
    private const double MaxRowHeightShare = 1.35;

    private readonly GrayImage _mask = new();
    private readonly ConnectedComponents _components = new();
    private readonly List<ComponentBox> _candidates = new(64);
    private readonly List<ComponentBox> _rowScratch = new(64);
    private readonly List<int> _heights = new(64);

    public bool TryFind(GrayImage crop, CharacterRow row)
    {
        row.Clear();
        int width = crop.Width;
        int height = crop.Height;
        if (width < 16 || height < MinCharHeightPx)
        {
            return false;
        }

        // Threshold from the inner part of the crop so the car body around the plate does not skew it.
        int marginX = width / 10;
        int marginY = height / 10;
        int threshold = OtsuThreshold.Compute(crop, marginX, marginY, width - marginX, height - marginY);
        _mask.Resize(width, height);
        Span<byte> mask = _mask.Pixels;
        ReadOnlySpan<byte> pixels = crop.Pixels;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)(pixels[i] <= threshold ? 1 : 0);
        }

        _components.Label(mask, width, height);
        _candidates.Clear();
        foreach (ComponentBox c in _components.Components)
        {
            if (IsCharacterLike(c, width, height))
            {
                _candidates.Add(c);
            }
        }

        if (_candidates.Count < 2)
        {
            return false;
        }

        _candidates.Sort(static (a, b) => (a.MinY + a.MaxY).CompareTo(b.MinY + b.MaxY));
        return PickRow(row, threshold);
    }

    public void Dispose()
    {
        _mask.Dispose();
        _components.Dispose();
    }

    private static bool IsCharacterLike(ComponentBox c, int cropWidth, int cropHeight)
    {
        int h = c.Height;
        int w = c.Width;
        if (h < MinCharHeightPx || h < MinCharHeightShare * cropHeight || h > MaxCharHeightShare * cropHeight)
        {
            return false;
        }

        // Characters are taller than wide (a "1" can be very narrow); touching the crop edge means body or border.
        if (w > 1.3 * h || c.MinX == 0 || c.MinY == 0 || c.MaxX == cropWidth - 1 || c.MaxY == cropHeight - 1)
        {
            return false;
        }

        double fill = (double)c.PixelCount / (w * h);
        return fill is > 0.12 and < 0.92;
    }

    private static int Median(List<int> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Clusters candidates (sorted by centre) into rows and keeps the lowest well-populated tall row.</summary>
    private bool PickRow(CharacterRow row, int threshold)
    {
        int bestMedian = 0;
        int start = 0;
        int chosenStart = -1;
        int chosenEnd = -1;
        int chosenMedian = 0;
        while (start < _candidates.Count)
        {
            int end = start + 1;
            double centre = Centre(_candidates[start]);
            int rowHeight = _candidates[start].Height;
            while (end < _candidates.Count && Centre(_candidates[end]) - centre < 0.5 * Math.Max(rowHeight, _candidates[end].Height))
            {
                end++;
            }

            _heights.Clear();
            for (int i = start; i < end; i++)
            {
                _heights.Add(_candidates[i].Height);
            }

            int median = Median(_heights);
            if (end - start >= 3 && median >= 0.6 * bestMedian)
            {
                // Lower rows come later; a later row replaces an earlier one unless clearly shorter.
                chosenStart = start;
                chosenEnd = end;
                chosenMedian = median;
            }

            bestMedian = Math.Max(bestMedian, median);
            start = end;
        }

        if (chosenStart < 0 || chosenMedian < 0.6 * bestMedian)
        {
            return false;
        }

        _rowScratch.Clear();
        for (int i = chosenStart; i < chosenEnd; i++)
        {
            ComponentBox c = _candidates[i];
            if (c.Height >= MinRowHeightShare * chosenMedian && c.Height <= MaxRowHeightShare * chosenMedian)
            {
                _rowScratch.Add(c);
            }
        }

        if (_rowScratch.Count < 3)
        {
            return false;
        }

        _rowScratch.Sort(static (a, b) => a.MinX.CompareTo(b.MinX));
        row.Characters.AddRange(_rowScratch);
        row.Threshold = threshold;
        row.MedianHeight = chosenMedian;
        return true;
    }

    private static double Centre(ComponentBox c) => (c.MinY + c.MaxY) / 2.0;
}
