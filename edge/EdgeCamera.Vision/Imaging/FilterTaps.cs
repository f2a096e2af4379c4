namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// Per output pixel, the source pixels and normalised weights of a bilinear (triangle) resampling filter whose
/// support grows with the shrink factor — the coefficients of Pillow's <c>precompute_coeffs</c> (Resample.c) for
/// <c>Image.BILINEAR</c>, so the edge samples crops as the recogniser's training data was made. The weight buffer
/// grows to the largest shrink seen and is reused.
/// </summary>
internal sealed class FilterTaps(int outputSize)
{
    private readonly int[] _start = new int[outputSize];
    private readonly int[] _count = new int[outputSize];
    private float[] _weights = [];
    private int _stride;

    /// <summary>Taps for mapping source interval [<paramref name="from"/>, <paramref name="to"/>) of a line of
    /// <paramref name="inputSize"/> pixels onto the output size.</summary>
    public void Compute(double from, double to, int inputSize)
    {
        double scale = (to - from) / _start.Length;
        double filterScale = Math.Max(scale, 1.0);
        double support = filterScale;                 // the triangle's support is 1 source pixel, widened when shrinking
        _stride = ((int)Math.Ceiling(support) * 2) + 1;
        if (_weights.Length < _stride * _start.Length)
        {
            _weights = new float[_stride * _start.Length];
        }

        double inverse = 1.0 / filterScale;
        for (int i = 0; i < _start.Length; i++)
        {
            double center = from + ((i + 0.5) * scale);
            int first = Math.Max((int)(center - support + 0.5), 0);
            int end = Math.Min((int)(center + support + 0.5), inputSize);
            int count = Math.Max(end - first, 0);
            Span<float> weights = _weights.AsSpan(i * _stride, count);
            double total = 0;
            for (int k = 0; k < count; k++)
            {
                double w = Math.Max(0, 1 - Math.Abs((k + first - center + 0.5) * inverse));
                weights[k] = (float)w;
                total += w;
            }

            if (total > 0)
            {
                for (int k = 0; k < count; k++)
                {
                    weights[k] = (float)(weights[k] / total);
                }
            }

            while (count > 0 && weights[count - 1] == 0)
            {
                count--;                              // the triangle's far end weighs 0: skip reading that pixel
            }

            _start[i] = first;
            _count[i] = count;
        }
    }

    /// <summary>
    /// Taps for a half-resolution plane (I420 chroma) that give what <paramref name="full"/> gives on that plane
    /// upsampled to full size by repeating each sample twice (as FFmpeg upsamples chroma when it converts I420 to BGR):
    /// each half-plane sample weighs the sum of the full taps on the two pixels it covers.
    /// </summary>
    public void ComputeHalved(FilterTaps full, int halfSize)
    {
        ArgumentNullException.ThrowIfNull(full);
        _stride = (full._stride / 2) + 2;
        if (_weights.Length < _stride * _start.Length)
        {
            _weights = new float[_stride * _start.Length];
        }

        for (int i = 0; i < _start.Length; i++)
        {
            int first = full._start[i] >> 1;
            Span<float> weights = _weights.AsSpan(i * _stride, _stride);
            weights.Clear();
            int count = 0;
            ReadOnlySpan<float> fullWeights = full._weights.AsSpan(i * full._stride, full._count[i]);
            for (int k = 0; k < fullWeights.Length; k++)
            {
                int at = Math.Min((full._start[i] + k) >> 1, halfSize - 1) - first;
                weights[at] += fullWeights[k];
                count = Math.Max(count, at + 1);
            }

            _start[i] = first;
            _count[i] = count;
        }
    }

    /// <summary>The first source pixel output <paramref name="index"/> reads.</summary>
    public int First(int index) => _start[index];

    /// <summary>One past the last source pixel output <paramref name="index"/> reads.</summary>
    public int Last(int index) => _start[index] + _count[index];

    /// <summary>Floats between two outputs' weights in <see cref="WeightTable"/>.</summary>
    public int WeightStride => _stride;

    /// <summary>All weights, output i's at i × <see cref="WeightStride"/> (for the letterbox's unchecked loops).</summary>
    public float[] WeightTable => _weights;

    /// <summary>Each output's first source pixel.</summary>
    public int[] Starts => _start;

    /// <summary>Each output's number of source pixels.</summary>
    public int[] Counts => _count;

    public ReadOnlySpan<float> Weights(int index, out int firstSource)
    {
        firstSource = _start[index];
        return _weights.AsSpan(index * _stride, _count[index]);
    }
}
