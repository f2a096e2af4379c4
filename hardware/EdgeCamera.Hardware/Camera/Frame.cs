using System.Buffers;

namespace EdgeCamera.Hardware.Camera;

/// <summary>
/// One decoded camera frame: packed 8-bit BGR, row-major, no padding (stride = width × 3).
/// The pixel buffer is rented from <see cref="ArrayPool{T}.Shared"/>; whoever holds the frame last disposes it,
/// including a queue that drops it.
/// </summary>
public sealed class Frame : IDisposable
{
    private byte[]? _pixels;

    public Frame(int width, int height, long sequence, DateTimeOffset capturedAtUtc, long capturedAtTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Sequence = sequence;
        CapturedAtUtc = capturedAtUtc;
        CapturedAtTimestamp = capturedAtTimestamp;
        _pixels = ArrayPool<byte>.Shared.Rent(width * height * 3);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Frame number since the camera source started (0-based, counts dropped frames too).</summary>
    public long Sequence { get; private set; }

    /// <summary>Wall-clock time the frame was read, UTC.</summary>
    public DateTimeOffset CapturedAtUtc { get; private set; }

    /// <summary>Monotonic time the frame was read (<see cref="TimeProvider.GetTimestamp"/>), for intervals.</summary>
    public long CapturedAtTimestamp { get; private set; }

    public int Stride => Width * 3;

    public int Length => Width * Height * 3;

    /// <summary>The BGR bytes of this frame (exactly <see cref="Length"/> bytes).</summary>
    public Span<byte> Pixels => _pixels is null
        ? throw new ObjectDisposedException(nameof(Frame))
        : _pixels.AsSpan(0, Length);

    public ReadOnlySpan<byte> ReadOnlyPixels => Pixels;

    /// <summary>The same bytes as <see cref="Pixels"/>, for asynchronous reads straight into the frame.</summary>
    public Memory<byte> PixelMemory => _pixels is null
        ? throw new ObjectDisposedException(nameof(Frame))
        : _pixels.AsMemory(0, Length);

    public bool IsDisposed => _pixels is null;

    /// <summary>Sets when the frame was complete; the camera calls it once the last byte has arrived.</summary>
    internal void Stamp(long sequence, DateTimeOffset capturedAtUtc, long capturedAtTimestamp)
    {
        Sequence = sequence;
        CapturedAtUtc = capturedAtUtc;
        CapturedAtTimestamp = capturedAtTimestamp;
    }

    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null)
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }
}
