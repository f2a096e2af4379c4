using System.Buffers;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// A vehicle read's evidence pictures — the best observation's full frame and its plate crop, as JPEG — encoded the
/// first time either is asked for, not when the tracker decides the plate: the read goes on at once and the two
/// encodes (~20–40 ms for a 1080p frame on this machine's cores) happen where the evidence is built. Holds the best
/// frame's pixels (a buffer rented from <see cref="ArrayPool{T}.Shared"/>) until then and returns them after encoding;
/// a read whose pictures are never asked for leaves that buffer to the garbage collector. Thread-safe.
/// </summary>
public sealed class EvidenceImages
{
    private readonly Lock _gate = new();
    private readonly int _width;
    private readonly int _height;
    private readonly FramePixelFormat _format;
    private readonly PixelBox _crop;
    private readonly int _quality;
    private byte[]? _pixels;
    private byte[] _frameJpeg = [];
    private byte[] _cropJpeg = [];

    /// <summary>Takes ownership of <paramref name="pixels"/> (a frame's bytes in <paramref name="format"/>, rented from
    /// the shared pool).</summary>
    internal EvidenceImages(byte[] pixels, int width, int height, FramePixelFormat format, PixelBox crop, int quality)
    {
        _pixels = pixels;
        _width = width;
        _height = height;
        _format = format;
        _crop = crop;
        _quality = quality;
    }

    private EvidenceImages(byte[] frameJpeg, byte[] cropJpeg)
    {
        _frameJpeg = frameJpeg;
        _cropJpeg = cropJpeg;
    }

    /// <summary>No pictures (a track that never kept a frame).</summary>
    public static EvidenceImages None { get; } = new([], []);

    /// <summary>Pictures already encoded (tests, replays).</summary>
    public static EvidenceImages FromJpeg(byte[] frameJpeg, byte[] cropJpeg) => new(frameJpeg, cropJpeg);

    /// <summary>The best observation's whole frame.</summary>
    public byte[] FrameJpeg
    {
        get
        {
            EnsureEncoded();
            return _frameJpeg;
        }
    }

    /// <summary>The plate, widened by a tenth of its width and a fifth of its height; empty when the box left the frame.</summary>
    public byte[] CropJpeg
    {
        get
        {
            EnsureEncoded();
            return _cropJpeg;
        }
    }

    /// <summary>Encodes now (if not yet) and gives the frame's pixels back: for a read that will be kept a while
    /// before its evidence is built (the violation stage holds reads for a few seconds).</summary>
    public void Encode() => EnsureEncoded();

    private void EnsureEncoded()
    {
        lock (_gate)
        {
            if (_pixels is not { } pixels)
            {
                return;
            }

            ReadOnlySpan<byte> frame = pixels.AsSpan(0, Frame.ByteCount(_width, _height, _format));
            _frameJpeg = JpegEncoder.Encode(frame, _width, _height, _format, new PixelBox(0, 0, _width, _height), _quality);
            _cropJpeg = _crop.IsEmpty ? [] : JpegEncoder.Encode(frame, _width, _height, _format, _crop, _quality);
            _pixels = null;
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }
}
