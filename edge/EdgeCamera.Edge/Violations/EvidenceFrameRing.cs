using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// The last <see cref="ViolationStageOptions.FrameRingCapacity"/> frames that had a plate in them, each downscaled and
/// encoded as JPEG when offered (the pooled frame itself is never kept: its owner disposes it), so that a violation can
/// carry the frames its rule names. Bounded: the oldest is dropped and counted. Frames without a plate are skipped (no
/// rule names them). The ring's buffers are reused as it goes round (a kept frame allocates nothing after the first
/// round); <see cref="TryGet"/> hands out a copy. Thread-safe.
/// </summary>
public sealed class EvidenceFrameRing
{
    private readonly int _downscale;
    private readonly int _quality;
    private readonly Slot[] _slots;
    private readonly Dictionary<long, int> _bySequence = [];
    private readonly Lock _gate = new();
    private readonly Lock _encodeGate = new();
    private byte[] _scratch = [];
    private int _next;
    private long _kept;
    private long _dropped;
    private long _misses;

    public EvidenceFrameRing(int capacity, int downscale, int jpegQuality)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(downscale);
        _slots = [.. Enumerable.Range(0, capacity).Select(_ => new Slot())];
        _downscale = downscale;
        _quality = jpegQuality;
    }

    public int Capacity => _slots.Length;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _bySequence.Count;
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

        lock (_encodeGate)
        {
            int length = Encode(frame, ref _scratch);
            Store(frame.Sequence, _scratch.AsSpan(0, length));
        }
    }

    /// <summary>Keeps a copy of <paramref name="jpeg"/> as frame <paramref name="sequence"/>.</summary>
    public void Add(long sequence, byte[] jpeg)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        Store(sequence, jpeg);
    }

    /// <summary>A copy of frame <paramref name="sequence"/>'s JPEG (the ring reuses its own buffers).</summary>
    public bool TryGet(long sequence, out byte[] jpeg)
    {
        lock (_gate)
        {
            if (_bySequence.TryGetValue(sequence, out int at))
            {
                jpeg = _slots[at].Buffer.AsSpan(0, _slots[at].Length).ToArray();
                return true;
            }
        }

        jpeg = [];
        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Copies the JPEG into the oldest slot's buffer (grown only when too small): once the ring has gone round,
    /// keeping a frame allocates nothing, so 250 × ~100 kB of JPEGs do not pile up on the large-object heap.</summary>
    private void Store(long sequence, ReadOnlySpan<byte> jpeg)
    {
        lock (_gate)
        {
            if (_bySequence.ContainsKey(sequence))
            {
                return;
            }

            var slot = _slots[_next];
            if (slot.Occupied)
            {
                _bySequence.Remove(slot.Sequence);
                Interlocked.Increment(ref _dropped);
            }

            if (slot.Buffer.Length < jpeg.Length)
            {
                slot.Buffer = new byte[jpeg.Length + (jpeg.Length / 4)];
            }

            jpeg.CopyTo(slot.Buffer);
            (slot.Length, slot.Sequence, slot.Occupied) = (jpeg.Length, sequence, true);
            _bySequence[sequence] = _next;
            _next = (_next + 1) % _slots.Length;
        }

        Interlocked.Increment(ref _kept);
    }

    private int Encode(Frame frame, ref byte[] buffer)
    {
        if (_downscale == 1)
        {
            return JpegEncoder.EncodeInto(frame.ReadOnlyPixels, frame.Width, frame.Height, frame.Format, new PixelBox(0, 0, frame.Width, frame.Height), _quality, ref buffer);
        }

        var width = frame.Width / _downscale;
        var height = frame.Height / _downscale;
        if (frame.Format == FramePixelFormat.I420)
        {
            var planes = ArrayPool<byte>.Shared.Rent(I420Downscale.SmallLength(frame.Width, frame.Height, _downscale));
            try
            {
                I420Downscale.Shrink(frame, _downscale, planes);
                return JpegEncoder.EncodeInto(planes, width, height, FramePixelFormat.I420, new PixelBox(0, 0, width, height), _quality, ref buffer);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(planes);
            }
        }

        var small = ArrayPool<byte>.Shared.Rent(width * height * 3);
        try
        {
            BoxAverage(frame.ReadOnlyPixels, frame.Stride, _downscale, small, width, height);
            return JpegEncoder.EncodeBgrInto(small, width, height, new PixelBox(0, 0, width, height), _quality, ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(small);
        }
    }

    /// <summary>Averages each d×d block: cheap, and sharper than dropping pixels. The block row's d source rows are
    /// summed column by column first (vectorised; d ≤ 4, so a sum ≤ 16 × 255 fits 16 bits), then d columns at a time.</summary>
    private static void BoxAverage(ReadOnlySpan<byte> src, int stride, int d, Span<byte> small, int width, int height)
    {
        var rowSums = ArrayPool<ushort>.Shared.Rent(width * d * 3);
        try
        {
            var sums = rowSums.AsSpan(0, width * d * 3);
            var reciprocal = (65536 + (d * d) - 1) / (d * d); // ÷ d² as multiply and shift (3 divisions a pixel cost ~10 ms a frame)
            for (var y = 0; y < height; y++)
            {
                sums.Clear();
                for (var dy = 0; dy < d; dy++)
                {
                    I420Downscale.AddRow(src.Slice(((y * d) + dy) * stride, sums.Length), sums);
                }

                var output = small.Slice(y * width * 3, width * 3);
                if (d == 2)
                {
                    AveragePairs(sums, output, width);
                    continue;
                }

                for (var x = 0; x < width; x++)
                {
                    int b = 0, g = 0, r = 0;
                    for (int dx = 0, i = x * d * 3; dx < d; dx++, i += 3)
                    {
                        b += sums[i];
                        g += sums[i + 1];
                        r += sums[i + 2];
                    }

                    output[x * 3] = (byte)((b * reciprocal) >> 16);
                    output[(x * 3) + 1] = (byte)((g * reciprocal) >> 16);
                    output[(x * 3) + 2] = (byte)((r * reciprocal) >> 16);
                }
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rowSums);
        }
    }

    /// <summary>The default 2× case: each output byte is a 2×2 sum ÷ 4, neighbouring source pixels 3 values apart.
    /// Unchecked indexing: <paramref name="sums"/> holds 2 × <paramref name="width"/> pixels, the output one row.</summary>
    private static void AveragePairs(ReadOnlySpan<ushort> sums, Span<byte> output, int width)
    {
        ref ushort s = ref MemoryMarshal.GetReference(sums);
        ref byte o = ref MemoryMarshal.GetReference(output);
        for (var x = 0; x < width; x++)
        {
            ref ushort p = ref Unsafe.Add(ref s, x * 6);
            ref byte q = ref Unsafe.Add(ref o, x * 3);
            q = (byte)((p + Unsafe.Add(ref p, 3)) >> 2);
            Unsafe.Add(ref q, 1) = (byte)((Unsafe.Add(ref p, 1) + Unsafe.Add(ref p, 4)) >> 2);
            Unsafe.Add(ref q, 2) = (byte)((Unsafe.Add(ref p, 2) + Unsafe.Add(ref p, 5)) >> 2);
        }
    }

    private sealed class Slot
    {
        public byte[] Buffer { get; set; } = [];

        public int Length { get; set; }

        public long Sequence { get; set; }

        public bool Occupied { get; set; }
    }
}
