using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision.Detection;

/// <summary>A light plate field around a text blob, in working-resolution pixels.</summary>
internal readonly record struct PlateField(int Left, int Top, int Width, int Height, double Contrast, double LightFraction);

/// <summary>
/// Grows a text blob to the light plate field around it: each side moves outwards while the next row/column
/// is mostly lighter than the blob's Otsu threshold, up to a bounded distance (a white car body would
/// otherwise swallow the whole bonnet).
/// </summary>
internal static class PlateFieldGrower
{
    /// <summary>A row/column belongs to the plate field when at least this share of it is light.</summary>
    private const double FieldLightShare = 0.6;

    /// <summary>Pads (percent of the text blob height) used where no plate edge was found: a one-row plate's
    /// field extends ~20 % of the character height above and below the text, ~30 % beside it.</summary>
    private const int FallbackPadShareY = 25;
    private const int FallbackPadShareX = 35;

    public static bool TryGrow(GrayImage gray, ComponentBox blob, ClassicDetectorOptions options, out PlateField field)
    {
        field = default;
        int left = blob.MinX;
        int top = blob.MinY;
        int right = blob.MaxX + 1;
        int bottom = blob.MaxY + 1;
        int threshold = OtsuThreshold.Compute(gray, left, top, right, bottom);
        ClassMeans(gray, left, top, right, bottom, threshold, out double lightMean, out double darkMean, out double lightFraction);
        if (lightMean < options.MinFieldLuma || lightMean - darkMean < options.MinContrast)
        {
            return false;
        }

        int blobHeight = bottom - top;
        int maxVertical = (blobHeight * 6 / 5) + 1;
        int maxHorizontal = (blobHeight / 2) + ((right - left) * 3 / 20) + 1;
        int limitTop = Math.Max(0, top - maxVertical);
        int limitBottom = Math.Min(gray.Height, bottom + maxVertical);
        int limitLeft = Math.Max(0, left - maxHorizontal);
        int limitRight = Math.Min(gray.Width, right + maxHorizontal);

        int blobTop = top, blobBottom = bottom, blobLeft = left, blobRight = right;
        int padY = (blobHeight * FallbackPadShareY) / 100;
        int padX = (blobHeight * FallbackPadShareX) / 100;
        while (top > limitTop && RowLightShare(gray, top - 1, left, right, threshold) >= FieldLightShare)
        {
            top--;
        }

        while (bottom < limitBottom && RowLightShare(gray, bottom, left, right, threshold) >= FieldLightShare)
        {
            bottom++;
        }

        // A side that never met a darker edge ran onto a light body: fall back to a fixed pad there.
        top = top == limitTop && limitTop > 0 ? Math.Max(0, blobTop - padY) : top;
        bottom = bottom == limitBottom && limitBottom < gray.Height ? Math.Min(gray.Height, blobBottom + padY) : bottom;

        while (left > limitLeft && ColumnLightShare(gray, left - 1, top, bottom, threshold) >= FieldLightShare)
        {
            left--;
        }

        while (right < limitRight && ColumnLightShare(gray, right, top, bottom, threshold) >= FieldLightShare)
        {
            right++;
        }

        left = left == limitLeft && limitLeft > 0 ? Math.Max(0, blobLeft - padX) : left;
        right = right == limitRight && limitRight < gray.Width ? Math.Min(gray.Width, blobRight + padX) : right;

        ClassMeans(gray, left, top, right, bottom, threshold, out lightMean, out darkMean, out lightFraction);
        if (lightFraction < options.MinLightFraction || lightFraction > 0.97)
        {
            return false;
        }

        field = new PlateField(left, top, right - left, bottom - top, (lightMean - darkMean) / 255.0, lightFraction);
        return true;
    }

    private static void ClassMeans(
        GrayImage gray, int left, int top, int right, int bottom, int threshold,
        out double lightMean, out double darkMean, out double lightFraction)
    {
        long lightSum = 0;
        long darkSum = 0;
        int lightCount = 0;
        int darkCount = 0;
        for (int y = top; y < bottom; y++)
        {
            foreach (byte value in gray.Row(y)[left..right])
            {
                if (value > threshold)
                {
                    lightSum += value;
                    lightCount++;
                }
                else
                {
                    darkSum += value;
                    darkCount++;
                }
            }
        }

        lightMean = lightCount == 0 ? 0 : (double)lightSum / lightCount;
        darkMean = darkCount == 0 ? 0 : (double)darkSum / darkCount;
        int total = lightCount + darkCount;
        lightFraction = total == 0 ? 0 : (double)lightCount / total;
    }

    private static double RowLightShare(GrayImage gray, int y, int left, int right, int threshold)
    {
        int light = 0;
        foreach (byte value in gray.Row(y)[left..right])
        {
            light += value > threshold ? 1 : 0;
        }

        return (double)light / Math.Max(1, right - left);
    }

    private static double ColumnLightShare(GrayImage gray, int x, int top, int bottom, int threshold)
    {
        int light = 0;
        for (int y = top; y < bottom; y++)
        {
            light += gray[x, y] > threshold ? 1 : 0;
        }

        return (double)light / Math.Max(1, bottom - top);
    }
}
