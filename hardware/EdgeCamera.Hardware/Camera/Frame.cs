using System.Buffers;

namespace EdgeCamera.Hardware.Camera;

/// <summary>
/// One decoded camera frame: packed 8-bit BGR (stride = width × 3) or planar I420 (<see cref="FramePixelFormat"/>),
/// row-major, no padding. The pixel buffer is rented from <see cref="ArrayPool{T}.Shared"/>; whoever holds the frame last disposes it,
/// including a queue that drops it.
/// </summary>
public sealed class Frame : IDisposable
{
    private byte[]? _pixels;

    public Frame(int width, int height, long sequence, DateTimeOffset capturedAtUtc, long capturedAtTimestamp,
        FramePixelFormat format = FramePixelFormat.Bgr24)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Format = format;
        Sequence = sequence;
        CapturedAtUtc = capturedAtUtc;
        CapturedAtTimestamp = capturedAtTimestamp;
        Length = ByteCount(width, height, format);
        _pixels = ArrayPool<byte>.Shared.Rent(Length);
    }

    public int Width { get; }

    public int Height { get; }

    public FramePixelFormat Format { get; }

    /// <summary>Frame number since the camera source started (0-based, counts dropped frames too).</summary>
    public long Sequence { get; private set; }

    /// <summary>Wall-clock time the frame was read, UTC.</summary>
    public DateTimeOffset CapturedAtUtc { get; private set; }

    /// <summary>Monotonic time the frame was read (<see cref="TimeProvider.GetTimestamp"/>), for intervals.</summary>
    public long CapturedAtTimestamp { get; private set; }

    /// <summary>Bytes per row of a <see cref="FramePixelFormat.Bgr24"/> frame; of the luma plane of an I420 one.</summary>
    public int Stride => Format == FramePixelFormat.Bgr24 ? Width * 3 : Width;

    /// <summary>Width of an I420 frame's U and V planes (their stride too).</summary>
    public int ChromaWidth => (Width + 1) / 2;

    /// <summary>Height of an I420 frame's U and V planes.</summary>
    public int ChromaHeight => (Height + 1) / 2;

    public int Length { get; }

    /// <summary>The frame's bytes (exactly <see cref="Length"/>), laid out as <see cref="Format"/> says.</summary>
    public Span<byte> Pixels => _pixels is null
        ? throw new ObjectDisposedException(nameof(Frame))
        : _pixels.AsSpan(0, Length);

    public ReadOnlySpan<byte> ReadOnlyPixels => Pixels;

    /// <summary>The same bytes as <see cref="Pixels"/>, for asynchronous reads straight into the frame.</summary>
    public Memory<byte> PixelMemory => _pixels is null
        ? throw new ObjectDisposedException(nameof(Frame))
        : _pixels.AsMemory(0, Length);

    public bool IsDisposed => _pixels is null;

    /// <summary>The luma plane of an I420 frame (width × height bytes).</summary>
    public ReadOnlySpan<byte> LumaPlane => PlaneOf(FramePixelFormat.I420).Slice(0, Width * Height);

    /// <summary>The U (Cb) plane of an I420 frame.</summary>
    public ReadOnlySpan<byte> UPlane => PlaneOf(FramePixelFormat.I420).Slice(Width * Height, ChromaWidth * ChromaHeight);

    /// <summary>The V (Cr) plane of an I420 frame.</summary>
    public ReadOnlySpan<byte> VPlane => PlaneOf(FramePixelFormat.I420).Slice((Width * Height) + (ChromaWidth * ChromaHeight), ChromaWidth * ChromaHeight);

    /// <summary>Bytes a frame of this size and format holds.</summary>
    public static int ByteCount(int width, int height, FramePixelFormat format) => format switch
    {
        FramePixelFormat.Bgr24 => checked(width * height * 3),
        FramePixelFormat.I420 => checked((width * height) + (2 * ((width + 1) / 2) * ((height + 1) / 2))),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pixel format"),
    };

    /// <summary>Sets when the frame was complete; the camera calls it once the last byte has arrived.</summary>
    internal void Stamp(long sequence, DateTimeOffset capturedAtUtc, long capturedAtTimestamp)
    {
        Sequence = sequence;
        CapturedAtUtc = capturedAtUtc;
        CapturedAtTimestamp = capturedAtTimestamp;
    }

    private ReadOnlySpan<byte> PlaneOf(FramePixelFormat expected) => Format == expected
        ? ReadOnlyPixels
        : throw new InvalidOperationException($"a {Format} frame has no {expected} planes");

    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null)
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }
}
