using System.Buffers;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// The latest frame with its detection boxes and reads, for the technician's live view, plus aiming measurements and
/// the plate crops of recent vehicles. The pipeline worker offers every frame; this takes at most
/// <see cref="DiagnosticsOptions.LiveViewMaxFps"/> of them (a timestamp check otherwise), and only while someone
/// watches does it copy a half-size frame and encode it to JPEG on the thread pool, off the frame path.
/// Thread-safe: one writer (the pipeline), any number of readers.
/// </summary>
public sealed class LiveView(IOptions<DiagnosticsOptions> options, TimeProvider time)
{
    /// <summary>Aiming samples kept (about 20 s of plates at 3 samples a second).</summary>
    public const int AimingCapacity = 60;

    /// <summary>Width the live JPEG is scaled down to at most: enough to aim, and light on a phone's link.</summary>
    public const int MaxLiveWidthPx = 960;

    /// <summary>Nobody has asked for a frame for this long: stop encoding.</summary>
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromSeconds(5);

    private const int JpegQuality = 70; // A picture to aim by, not evidence.

    private readonly Lock _gate = new();
    private readonly Queue<AimingSample> _aiming = new(AimingCapacity);
    private readonly Dictionary<Guid, byte[]> _crops = [];
    private readonly Queue<Guid> _cropOrder = new();
    private long _lastOfferTimestamp;
    private long _lastWatchedTimestamp;
    private int _encoding;
    private Snapshot? _latest;

    public sealed record Box(int X, int Y, int Width, int Height, string? Text);

    /// <summary>One published frame: boxes are in full-resolution pixels of a <see cref="Width"/> × <see cref="Height"/> frame.</summary>
    public sealed record Snapshot(long Sequence, DateTimeOffset CapturedAtUtc, int Width, int Height, IReadOnlyList<Box> Boxes, byte[] Jpeg);

    public sealed record AimingSample(DateTimeOffset AtUtc, int PlateWidthPx, double FocusScore, double MeanLuma, string Text);

    /// <summary>The newest published frame, or null before the first one.</summary>
    public Snapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>Frames published so far (for tests and the page).</summary>
    public long Published { get; private set; }

    /// <summary>Someone looks at the live view: keep publishing frames for a few seconds.</summary>
    public void MarkWatched() => Interlocked.Exchange(ref _lastWatchedTimestamp, time.GetTimestamp());

    /// <summary>Called by the pipeline for every processed frame; cheap unless a frame is due.</summary>
    public void Offer(Frame frame, ReadOnlySpan<PlateCandidate> candidates, IReadOnlyList<PlateText?> reads)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(reads);
        var now = time.GetTimestamp();
        if (_lastOfferTimestamp != 0 && time.GetElapsedTime(_lastOfferTimestamp, now) < TimeSpan.FromSeconds(1 / options.Value.LiveViewMaxFps))
        {
            return;
        }

        _lastOfferTimestamp = now;
        var boxes = new Box[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var c = candidates[i].Box;
            var text = i < reads.Count ? reads[i] : null;
            boxes[i] = new Box(c.X, c.Y, c.Width, c.Height, text?.Text);
            if (text is not null && PlateImageQuality.TryMeasure(frame, c, out var focus, out var luma))
            {
                AddAiming(new AimingSample(frame.CapturedAtUtc, c.Width, focus, luma, text.Text));
            }
        }

        var watchedAt = Interlocked.Read(ref _lastWatchedTimestamp);
        if (watchedAt == 0 || time.GetElapsedTime(watchedAt, now) > WatchTimeout || Interlocked.CompareExchange(ref _encoding, 1, 0) != 0)
        {
            return;
        }

        var step = (frame.Width + MaxLiveWidthPx - 1) / MaxLiveWidthPx;
        var width = frame.Width / step;
        var height = frame.Height / step;
        var buffer = ArrayPool<byte>.Shared.Rent(width * height * 3);
        FrameBgr.Copy(frame, 0, 0, width * step, height * step, step, buffer);
        var (sequence, capturedAt, fullWidth, fullHeight) = (frame.Sequence, frame.CapturedAtUtc, frame.Width, frame.Height);
        _ = Task.Run(() =>
        {
            try
            {
                var jpeg = JpegEncoder.EncodeBgr(buffer, width, height, new PixelBox(0, 0, width, height), JpegQuality);
                Volatile.Write(ref _latest, new Snapshot(sequence, capturedAt, fullWidth, fullHeight, boxes, jpeg));
                Published++;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Volatile.Write(ref _encoding, 0);
            }
        });
    }

    /// <summary>Keeps a vehicle's plate crop for the recent-reads list (as many as <see cref="Pipeline.RecentVehicles"/> holds).</summary>
    public void RememberCrop(Guid eventId, byte[] plateCropJpeg)
    {
        lock (_gate)
        {
            if (_cropOrder.Count == Pipeline.RecentVehicles.Capacity && _cropOrder.TryDequeue(out var oldest))
            {
                _crops.Remove(oldest);
            }

            if (_crops.TryAdd(eventId, plateCropJpeg))
            {
                _cropOrder.Enqueue(eventId);
            }
        }
    }

    public bool TryGetCrop(Guid eventId, out byte[] jpeg)
    {
        lock (_gate)
        {
            return _crops.TryGetValue(eventId, out jpeg!);
        }
    }

    public IReadOnlyList<AimingSample> AimingSamples()
    {
        lock (_gate)
        {
            return [.. _aiming];
        }
    }

    private void AddAiming(AimingSample sample)
    {
        lock (_gate)
        {
            if (_aiming.Count == AimingCapacity)
            {
                _aiming.Dequeue();
            }

            _aiming.Enqueue(sample);
        }
    }
}
