namespace EdgeCamera.Vision.Imaging;

/// <summary>Otsu's (1979) global threshold: maximises the between-class variance of the histogram.</summary>
internal static class OtsuThreshold
{
    /// <summary>Threshold over a rectangle of <paramref name="image"/>; pixels &gt; threshold are "light".</summary>
    public static int Compute(GrayImage image, int left, int top, int right, int bottom)
    {
        Span<int> histogram = stackalloc int[256];
        histogram.Clear();
        for (int y = top; y < bottom; y++)
        {
            ReadOnlySpan<byte> row = image.Row(y)[left..right];
            foreach (byte value in row)
            {
                histogram[value]++;
            }
        }

        return FromHistogram(histogram);
    }

    public static int FromHistogram(ReadOnlySpan<int> histogram)
    {
        long total = 0;
        long weightedSum = 0;
        for (int i = 0; i < 256; i++)
        {
            total += histogram[i];
            weightedSum += (long)i * histogram[i];
        }

        if (total == 0)
        {
            return 127;
        }

        long backgroundCount = 0;
        long backgroundSum = 0;
        double bestVariance = -1;
        int best = 127;
        for (int t = 0; t < 255; t++)
        {
            backgroundCount += histogram[t];
            if (backgroundCount == 0)
            {
                continue;
            }

            long foregroundCount = total - backgroundCount;
            if (foregroundCount == 0)
            {
                break;
            }

            backgroundSum += (long)t * histogram[t];
            double meanBackground = (double)backgroundSum / backgroundCount;
            double meanForeground = (double)(weightedSum - backgroundSum) / foregroundCount;
            double difference = meanBackground - meanForeground;
            double variance = (double)backgroundCount * foregroundCount * difference * difference;
            if (variance > bestVariance)
            {
                bestVariance = variance;
                best = t;
            }
        }

        return best;
    }
}
