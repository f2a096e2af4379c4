using System.Buffers;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// An 8-bit single-channel image whose buffer is rented from <see cref="ArrayPool{T}.Shared"/>
/// (stride = width). Reusable: <see cref="Resize"/> only rents when the image grows.
/// </summary>
internal sealed class GrayImage : IDisposable
{
    private byte[] _pixels = [];

    public GrayImage()
    {
    }

    public GrayImage(int width, int height) => Resize(width, height);

    public int Width { get; private set; }

    public int Height { get; private set; }

    public Span<byte> Pixels => _pixels.AsSpan(0, Width * Height);

    public Span<byte> Row(int y) => _pixels.AsSpan(y * Width, Width);

    public byte this[int x, int y]
    {
        get => _pixels[(y * Width) + x];
        set => _pixels[(y * Width) + x] = value;
    }

    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        int needed = width * height;
        if (_pixels.Length < needed)
        {
            Return();
            _pixels = ArrayPool<byte>.Shared.Rent(needed);
        }

        Width = width;
        Height = height;
    }

    public void Dispose()
    {
        Return();
        Width = 0;
        Height = 0;
    }

    private void Return()
    {
        if (_pixels.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_pixels);
            _pixels = [];
        }
    }
}
