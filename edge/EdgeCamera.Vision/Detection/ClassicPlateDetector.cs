using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Detection;
using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision;

/// <summary>
/// Classic plate finder for light plates with dark characters: downscaled luma → vertical-edge mask →
/// horizontal edge density ("text-like" rows) → connected components → growth to the light plate field →
/// size, aspect and contrast checks → overlap merge. Buffers are reused; not thread-safe.
/// </summary>
public sealed class ClassicPlateDetector : IPlateDetector, IDisposable
{
    private const int MaxRawCandidates = 128;

    /// <summary>Blobs considered per frame; a busy 1080p street scene yields ~100–300 (measured on the sim video).</summary>
    private const int MaxBlobs = 512;

    private readonly ClassicDetectorOptions _options;
    private readonly GrayImage _gray = new();
    private readonly GrayImage _edges = new();
    private readonly GrayImage _dense = new();
    private readonly ConnectedComponents _components = new();
    private readonly PlateCandidate[] _raw = new PlateCandidate[MaxRawCandidates];
    private readonly ComponentBox[] _blobs = new ComponentBox[MaxBlobs];

    public ClassicPlateDetector()
        : this(new ClassicDetectorOptions())
    {
    }

    public ClassicPlateDetector(ClassicDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public int Detect(Frame frame, Span<PlateCandidate> found)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int factor = Math.Max(1, frame.Width / _options.WorkingWidthPx);
        GrayConverter.Downscale(frame, factor, _gray);
        BuildEdgeMask();
        BuildDensityMask(factor);
        _components.Label(_dense.Pixels, _dense.Width, _dense.Height);

        int blobCount = 0;
        foreach (ComponentBox component in _components.Components)
        {
            // Blobs under 3 working pixels in either direction are noise, not character rows.
            if (component.Width >= 3 && component.Height >= 3 && blobCount < MaxBlobs)
            {
                _blobs[blobCount++] = component;
            }
        }

        blobCount = TextBlobChainer.Chain(_blobs.AsSpan(0, blobCount));
        int rawCount = 0;
        foreach (ComponentBox component in _blobs.AsSpan(0, blobCount))
        {
            if (rawCount == MaxRawCandidates)
            {
                break;
            }

            if (TryMakeCandidate(component, factor, frame, out PlateCandidate candidate))
            {
                _raw[rawCount++] = candidate;
            }
        }

        return CandidateMerger.MergeInto(_raw.AsSpan(0, rawCount), found, _options.MergeIou);
    }

    public void Dispose()
    {
        _gray.Dispose();
        _edges.Dispose();
        _dense.Dispose();
        _components.Dispose();
    }

    /// <summary>Marks pixels whose horizontal luma gradient |g(x+1) − g(x−1)| reaches the edge threshold.</summary>
    private void BuildEdgeMask()
    {
        int width = _gray.Width;
        int height = _gray.Height;
        _edges.Resize(width, height);
        int threshold = _options.EdgeThreshold;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> g = _gray.Row(y);
            Span<byte> e = _edges.Row(y);
            e[0] = 0;
            e[width - 1] = 0;
            for (int x = 1; x < width - 1; x++)
            {
                int d = g[x + 1] - g[x - 1];
                e[x] = (byte)((d >= threshold) | (d <= -threshold) ? 1 : 0);
            }
        }
    }

    /// <summary>
    /// A pixel is "dense" when the horizontal window around it holds enough edge pixels (character strokes),
    /// OR-ed with the rows above and below to join character rows.
    /// </summary>
    private void BuildDensityMask(int factor)
    {
        int width = _edges.Width;
        int height = _edges.Height;
        _dense.Resize(width, height);
        _dense.Pixels.Clear();
        int radius = Math.Max(2, _options.DensityRadiusPx / factor);
        int minEdges = _options.MinEdgesInWindow;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> e = _edges.Row(y);
            Span<byte> up = y > 0 ? _dense.Row(y - 1) : default;
            Span<byte> here = _dense.Row(y);
            Span<byte> down = y < height - 1 ? _dense.Row(y + 1) : default;
            int sum = 0;
            for (int x = 0; x < Math.Min(radius, width); x++)
            {
                sum += e[x];
            }

            for (int x = 0; x < width; x++)
            {
                int add = x + radius;
                if (add < width)
                {
                    sum += e[add];
                }

                int remove = x - radius - 1;
                if (remove >= 0)
                {
                    sum -= e[remove];
                }

                if (sum >= minEdges)
                {
                    here[x] = 1;
                    if (y > 0)
                    {
                        up[x] = 1;
                    }

                    if (y < height - 1)
                    {
                        down[x] = 1;
                    }
                }
            }
        }
    }

    private bool TryMakeCandidate(ComponentBox component, int factor, Frame frame, out PlateCandidate candidate)
    {
        candidate = default;
        int minWidth = _options.MinPlateWidthPx / factor;
        int maxWidth = _options.MaxPlateWidthPx / factor;
        if (component.Width < minWidth / 2 || component.Width > maxWidth || component.Height < 3)
        {
            return false;
        }

        if (component.Width < component.Height)
        {
            return false;
        }

        if (!PlateFieldGrower.TryGrow(_gray, component, _options, out PlateField field))
        {
            return false;
        }

        var box = new PixelBox(field.Left * factor, field.Top * factor, field.Width * factor, field.Height * factor)
            .Clamp(frame.Width, frame.Height);
        double aspect = (double)box.Width / Math.Max(1, box.Height);
        if (box.Width < _options.MinPlateWidthPx || box.Width > _options.MaxPlateWidthPx
            || aspect < _options.MinAspect || aspect > _options.MaxAspect)
        {
            return false;
        }

        double fill = (double)component.PixelCount / (component.Width * component.Height);
        float score = (float)Math.Clamp(field.Contrast * field.LightFraction * (0.5 + (0.5 * fill)), 0, 1);
        candidate = new PlateCandidate(box, score);
        return score >= _options.MinScore;
    }
}
