using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// The last <see cref="ViolationStageOptions.FrameRingCapacity"/> frames that had a plate in them, each downscaled and
/// encoded as JPEG when offered (the pooled frame itself is never kept: its owner disposes it), so that a violation can
/// carry the frames its rule names. Bounded: the oldest is dropped and counted. Frames without a plate are skipped (no
/// rule names them). Thread-safe.
/// </summary>
public sealed class EvidenceFrameRing
{
    private readonly int _capacity;
    private readonly int _downscale;
    private readonly int _quality;
    private readonly Queue<(long Sequence, byte[] Jpeg)> _frames = new();
    private readonly Dictionary<long, byte[]> _bySequence = [];
    private readonly Lock _gate = new();
    private long _kept;
    private long _dropped;
    private long _misses;

    public EvidenceFrameRing(int capacity, int downscale, int jpegQuality)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(downscale);
        _capacity = capacity;
        _downscale = downscale;
        _quality = jpegQuality;
    }

    public int Capacity => _capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    /// <summary>Frames encoded and kept.</summary>
    public long Kept => Interlocked.Read(ref _kept);

    /// <summary>Frames pushed out of the full ring (oldest first).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Frames a violation named that were no longer (or never) in the ring.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Keeps <paramref name="frame"/> (encoded now) when it had at least one plate candidate.</summary>
    public void Offer(Frame frame, int plateCandidates)
    {
        if (plateCandidates <= 0)
        {
            return;
        }

        Add(frame.Sequence, Encode(frame));
    }

    public void Add(long sequence, byte[] jpeg)
    {
        lock (_gate)
        {
            if (_bySequence.ContainsKey(sequence))
            {
                return;
            }

            _frames.Enqueue((sequence, jpeg));
            _bySequence[sequence] = jpeg;
            while (_frames.Count > _capacity)
            {
                _bySequence.Remove(_frames.Dequeue().Sequence);
                Interlocked.Increment(ref _dropped);
            }
        }

        Interlocked.Increment(ref _kept);
    }

    public bool TryGet(long sequence, out byte[] jpeg)
    {
        lock (_gate)
        {
            if (_bySequence.TryGetValue(sequence, out jpeg!))
            {
                return true;
            }
        }

        Interlocked.Increment(ref _misses);
        return false;
    }

    private byte[] Encode(Frame frame)
    {
        if (_downscale == 1)
        {
            return JpegEncoder.Encode(frame, _quality);
        }

        // Box-average each d×d block: cheap, and sharper than dropping pixels.
        var d = _downscale;
        var width = frame.Width / d;
        var height = frame.Height / d;
        var small = new byte[width * height * 3];
        var src = frame.ReadOnlyPixels;
        var stride = frame.Stride;
        var area = d * d;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int b = 0, g = 0, r = 0;
                for (var dy = 0; dy < d; dy++)
                {
                    var row = ((y * d) + dy) * stride;
                    for (var dx = 0; dx < d; dx++)
                    {
                        var i = row + (((x * d) + dx) * 3);
                        b += src[i];
                        g += src[i + 1];
                        r += src[i + 2];
                    }
                }

                var o = ((y * width) + x) * 3;
                small[o] = (byte)(b / area);
                small[o + 1] = (byte)(g / area);
                small[o + 2] = (byte)(r / area);
            }
        }

        return JpegEncoder.EncodeBgr(small, width, height, new PixelBox(0, 0, width, height), _quality);
    }
}
