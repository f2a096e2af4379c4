using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// Scales a BGR frame into a reused planar RGB float tensor (CHW, pixel/255) of a fixed size, keeping the aspect
/// ratio and anchoring the picture at the top-left corner; the rest is filled with the pad value
/// (models/CONTRACT.md). Downscaling averages each source block (area filter) so thin strokes survive;
/// no allocation once the frame size is known.
/// </summary>
internal sealed class Letterbox
{
    private const float InverseByte = 1f / 255f;
    private readonly float[] _tensor;
    private readonly int _width;
    private readonly int _height;
    private readonly float _pad;
    private int[] _xStart = [];
    private int[] _xEnd = [];
    private int[] _rowSums = [];
    private int _frameWidth;
    private int _frameHeight;
    private int _contentWidth;
    private int _contentHeight;

    public Letterbox(int width, int height, float pad)
    {
        _width = width;
        _height = height;
        _pad = pad;
        _tensor = new float[3 * width * height];
        Array.Fill(_tensor, pad);
    }

    /// <summary>The tensor the next <see cref="Fill"/> writes into (3 × height × width floats).</summary>
    public float[] Tensor => _tensor;

    /// <summary>Tensor pixels per frame pixel of the last filled frame.</summary>
    public double Scale { get; private set; } = 1;

    public void Fill(Frame frame)
    {
        if (frame.Width != _frameWidth || frame.Height != _frameHeight)
        {
            Prepare(frame.Width, frame.Height);
        }

        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        int stride = frame.Stride;
        int plane = _width * _height;
        Span<int> sums = _rowSums.AsSpan(0, _contentWidth * 3);
        for (int oy = 0; oy < _contentHeight; oy++)
        {
            int y0 = (int)(oy / Scale);
            int y1 = Math.Min(frame.Height, Math.Max(y0 + 1, (int)((oy + 1) / Scale)));
            sums.Clear();
            for (int y = y0; y < y1; y++)
            {
                ReadOnlySpan<byte> row = pixels.Slice(y * stride, stride);
                for (int ox = 0; ox < _contentWidth; ox++)
                {
                    int b = 0, g = 0, r = 0;
                    int end = _xEnd[ox] * 3;
                    for (int i = _xStart[ox] * 3; i < end; i += 3)
                    {
                        b += row[i];
                        g += row[i + 1];
                        r += row[i + 2];
                    }

                    sums[ox * 3] += r;
                    sums[(ox * 3) + 1] += g;
                    sums[(ox * 3) + 2] += b;
                }
            }

            int rowBase = oy * _width;
            int rows = y1 - y0;
            for (int ox = 0; ox < _contentWidth; ox++)
            {
                float norm = InverseByte / (rows * (_xEnd[ox] - _xStart[ox]));
                _tensor[rowBase + ox] = sums[ox * 3] * norm;
                _tensor[plane + rowBase + ox] = sums[(ox * 3) + 1] * norm;
                _tensor[(2 * plane) + rowBase + ox] = sums[(ox * 3) + 2] * norm;
            }
        }
    }

    private void Prepare(int frameWidth, int frameHeight)
    {
        _frameWidth = frameWidth;
        _frameHeight = frameHeight;
        Scale = Math.Min((double)_width / frameWidth, (double)_height / frameHeight);
        _contentWidth = Math.Min(_width, (int)Math.Round(frameWidth * Scale));
        _contentHeight = Math.Min(_height, (int)Math.Round(frameHeight * Scale));
        _xStart = new int[_contentWidth];
        _xEnd = new int[_contentWidth];
        _rowSums = new int[_contentWidth * 3];
        for (int ox = 0; ox < _contentWidth; ox++)
        {
            int x0 = Math.Min(frameWidth - 1, (int)(ox / Scale));
            _xStart[ox] = x0;
            _xEnd[ox] = Math.Min(frameWidth, Math.Max(x0 + 1, (int)((ox + 1) / Scale)));
        }

        Array.Fill(_tensor, _pad); // the content area changed: the pad area must be clean again
    }
}
