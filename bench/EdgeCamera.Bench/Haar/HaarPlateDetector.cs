using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;
using OpenCvSharp;

namespace EdgeCamera.Bench.Haar;

/// <summary>
/// Issue 4's classic baseline: OpenCV's Haar-cascade plate detector (Debian opencv-data) behind the same
/// <see cref="IPlateDetector"/> the unit's finders implement, so the bench's harness runs it unchanged. The frame's
/// pixels are wrapped without a copy, converted to grey and downscaled into reused Mats; boxes are scaled back to
/// frame pixels, best first by the cascade's level weight. Bench only (x64 OpenCV). Not thread-safe.
/// </summary>
internal sealed class HaarPlateDetector : IPlateDetector, IDisposable
{
    private readonly HaarDetectorOptions _options;
    private readonly CascadeClassifier _cascade;
    private readonly Mat _grey = new();
    private readonly Mat _small = new();
    private readonly Mat _lumaToGrey = LumaTable();
    private readonly List<PlateCandidate> _ranked = new(32);

    public HaarPlateDetector(HaarDetectorOptions options)
    {
        _options = options;
        if (!File.Exists(options.CascadePath))
        {
            throw new FileNotFoundException($"Haar cascade not found: {options.CascadePath} (Debian package opencv-data; scripts/setup.sh installs it)", options.CascadePath);
        }

        _cascade = new CascadeClassifier(options.CascadePath);
        if (_cascade.Empty())
        {
            _cascade.Dispose();
            throw new InvalidDataException($"OpenCV could not load the cascade {options.CascadePath}");
        }
    }

    public string CascadeName => Path.GetFileNameWithoutExtension(_options.CascadePath);

    public unsafe int Detect(Frame frame, Span<PlateCandidate> found)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using (var pin = frame.PixelMemory.Pin())
        {
            if (frame.Format == FramePixelFormat.I420)
            {
                // The luma plane is the grey picture already (limited range, expanded as the unit's code does).
                using var luma = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC1, (IntPtr)pin.Pointer, frame.Width);
                Cv2.LUT(luma, _lumaToGrey, _grey);
            }
            else
            {
                using var bgr = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, (IntPtr)pin.Pointer, frame.Stride);
                Cv2.CvtColor(bgr, _grey, ColorConversionCodes.BGR2GRAY);
            }
        }

        double scale = Math.Min(1.0, (double)_options.WorkingWidthPx / frame.Width);
        var working = _grey;
        if (scale < 1.0)
        {
            Cv2.Resize(_grey, _small, new Size((int)Math.Round(frame.Width * scale), (int)Math.Round(frame.Height * scale)), 0, 0, InterpolationFlags.Area);
            working = _small;
        }

        var boxes = _cascade.DetectMultiScale(
            working, out _, out var weights, _options.ScaleFactor, _options.MinNeighbours, 0,
            minSize: null, maxSize: null, outputRejectLevels: true);
        _ranked.Clear();
        for (int i = 0; i < boxes.Length; i++)
        {
            var r = boxes[i];
            var box = PixelBox.FromEdges(
                (int)Math.Floor(r.X / scale), (int)Math.Floor(r.Y / scale),
                (int)Math.Ceiling((r.X + r.Width) / scale), (int)Math.Ceiling((r.Y + r.Height) / scale)).Clamp(frame.Width, frame.Height);
            if (!box.IsEmpty)
            {
                // The level weight is an unbounded stage sum; the logistic maps it into [0, 1] for ranking only.
                double weight = i < weights.Length ? weights[i] : 0;
                _ranked.Add(new PlateCandidate(box, (float)(1 / (1 + Math.Exp(-weight)))));
            }
        }

        _ranked.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        int written = Math.Min(found.Length, _ranked.Count);
        for (int i = 0; i < written; i++)
        {
            found[i] = _ranked[i];
        }

        return written;
    }

    public void Dispose()
    {
        _cascade.Dispose();
        _grey.Dispose();
        _small.Dispose();
        _lumaToGrey.Dispose();
    }

    private static Mat LumaTable()
    {
        var table = new Mat(1, 256, MatType.CV_8UC1);
        for (int y = 0; y < 256; y++)
        {
            table.Set(0, y, FrameBgr.GreyOf((byte)y));
        }

        return table;
    }
}
