using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision.Recognition;

/// <summary>
/// Renders a character row for Tesseract: black glyphs on white, upscaled (bilinear, then thresholded) so
/// characters are <see cref="TargetCharHeightPx"/> tall. Glyphs are re-laid out with a uniform gap, which
/// removes the wide cell spacing of Kuwaiti plates and the digit/letter gap of Saudi plates that made
/// Tesseract split or drop characters; everything outside the glyph boxes (Arabic row, strips, border) is white.
/// </summary>
internal static class OcrLineRenderer
{
    /// <summary>Tesseract's LSTM models do best with x-heights of ~20–40 px (Tesseract ImproveQuality docs).</summary>
    public const int TargetCharHeightPx = 40;

    /// <summary>White margin around the line, as a share of the character height.</summary>
    private const double MarginShare = 0.5;

    /// <summary>Gap between glyphs, as a share of the character height (DejaVu Sans Bold spacing ≈ 0.1–0.2).</summary>
    private const double GapShare = 0.2;

    /// <summary>A glyph reaching this share of the character height below the common baseline is a descender.</summary>
    private const double DescenderShare = 0.06;

    /// <summary>Renders the row into <paramref name="output"/> and returns the number of glyphs drawn.</summary>
    public static int Render(GrayImage crop, CharacterRow row, GrayImage output)
    {
        List<ComponentBox> chars = row.Characters;
        int top = int.MaxValue, bottom = int.MinValue, glyphWidthSum = 0, glyphCount = 0, groupRight = int.MinValue;
        foreach (ComponentBox c in chars)
        {
            top = Math.Min(top, c.MinY);
            bottom = Math.Max(bottom, c.MaxY + 1);
            if (c.MinX > groupRight)
            {
                glyphCount++;
                groupRight = c.MaxX;
                glyphWidthSum += c.Width;
            }
            else if (c.MaxX > groupRight)
            {
                glyphWidthSum += c.MaxX - groupRight;
                groupRight = c.MaxX;
            }
        }

        double scale = (double)TargetCharHeightPx / Math.Max(1, row.MedianHeight);
        int margin = (int)(TargetCharHeightPx * MarginShare);
        int gap = (int)(TargetCharHeightPx * GapShare);
        int outWidth = (int)Math.Ceiling(glyphWidthSum * scale) + (glyphCount * (gap + 2)) + (2 * margin);
        int outHeight = (int)Math.Ceiling((bottom - top) * scale) + (2 * margin);
        output.Resize(outWidth, outHeight);
        output.Pixels.Fill(255);

        int baseline = MedianBottom(chars);

        // Walk glyph groups (components overlapping in x, e.g. a broken stroke) left to right.
        int cursor = margin;
        int index = 0;
        while (index < chars.Count)
        {
            int groupStart = index;
            int left = chars[index].MinX;
            int right = chars[index].MaxX + 1;
            int groupBottom = chars[index].MaxY;
            index++;
            while (index < chars.Count && chars[index].MinX < right)
            {
                right = Math.Max(right, chars[index].MaxX + 1);
                groupBottom = Math.Max(groupBottom, chars[index].MaxY);
                index++;
            }

            // Sit descending glyphs (DejaVu's "J") on the common baseline: Tesseract reads a descending J as "]".
            int lift = groupBottom - baseline > DescenderShare * row.MedianHeight ? groupBottom - baseline : 0;
            int width = (int)Math.Ceiling((right - left) * scale);
            DrawGroup(crop, chars, groupStart, index, left, top + lift, scale, row.Threshold, output, cursor, margin, width);
            cursor += width + gap;
        }

        return glyphCount;
    }

    private static void DrawGroup(
        GrayImage crop, List<ComponentBox> chars, int first, int end, int left, int top, double scale, int threshold,
        GrayImage output, int outLeft, int outTop, int outWidth)
    {
        double inverse = 1.0 / scale;
        int outBottom = output.Height - outTop;
        int outRight = Math.Min(output.Width, outLeft + outWidth);
        for (int oy = outTop; oy < outBottom; oy++)
        {
            double sy = top + ((oy - outTop + 0.5) * inverse) - 0.5;
            Span<byte> outRow = output.Row(oy);
            for (int ox = outLeft; ox < outRight; ox++)
            {
                double sx = left + ((ox - outLeft + 0.5) * inverse) - 0.5;
                if (InsideAny(chars, first, end, sx, sy) && Bilinear(crop, sx, sy) <= threshold)
                {
                    outRow[ox] = 0;
                }
            }
        }
    }

    private static int MedianBottom(List<ComponentBox> chars)
    {
        Span<int> bottoms = stackalloc int[chars.Count];
        for (int i = 0; i < chars.Count; i++)
        {
            bottoms[i] = chars[i].MaxY;
        }

        bottoms.Sort();
        return bottoms[bottoms.Length / 2];
    }

    private static bool InsideAny(List<ComponentBox> chars, int first, int end, double x, double y)
    {
        for (int i = first; i < end; i++)
        {
            ComponentBox c = chars[i];
            if (x >= c.MinX - 0.5 && x <= c.MaxX + 0.5 && y >= c.MinY - 0.5 && y <= c.MaxY + 0.5)
            {
                return true;
            }
        }

        return false;
    }

    private static double Bilinear(GrayImage image, double x, double y)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        int x0 = (int)x;
        int y0 = (int)y;
        int x1 = Math.Min(x0 + 1, image.Width - 1);
        int y1 = Math.Min(y0 + 1, image.Height - 1);
        double fx = x - x0;
        double fy = y - y0;
        double upper = (image[x0, y0] * (1 - fx)) + (image[x1, y0] * fx);
        double lower = (image[x0, y1] * (1 - fx)) + (image[x1, y1] * fx);
        return (upper * (1 - fy)) + (lower * fy);
    }
}
