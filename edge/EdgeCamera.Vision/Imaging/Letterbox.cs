using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// Scales a BGR frame into a reused planar RGB float tensor (CHW, pixel/255) of a fixed size, keeping the aspect
/// ratio and anchoring the picture at the top-left corner; the rest is filled with the pad value
/// (models/CONTRACT.md). Resampled as the detector's training images were: Pillow's <c>resize(BILINEAR)</c>, a
/// separable triangle filter widened by the shrink factor (<see cref="FilterTaps"/>), horizontal pass first, each
/// pass rounded to a byte. No allocation once the frame size is known.
/// </summary>
internal sealed class Letterbox
{
    private const float InverseByte = 1f / 255f;
    private readonly float[] _tensor;
    private readonly int _width;
    private readonly int _height;
    private readonly float _pad;
    private FilterTaps _columns = new(1);
    private FilterTaps _rows = new(1);
    private byte[] _horizontal = [];
    private float[] _accumulator = [];
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
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != _frameWidth || frame.Height != _frameHeight)
        {
            Prepare(frame.Width, frame.Height);
        }

        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        int rowBytes = _contentWidth * 3;
        int firstRow = _rows.First(0);
        int endRow = _rows.Last(_contentHeight - 1);

        // Horizontal pass, BGR → RGB bytes, only the source rows the vertical filter reads.
        for (int y = firstRow; y < endRow; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * frame.Stride, frame.Width * 3);
            Span<byte> output = _horizontal.AsSpan(y * rowBytes, rowBytes);
            for (int ox = 0; ox < _contentWidth; ox++)
            {
                ReadOnlySpan<float> weights = _columns.Weights(ox, out int start);
                float b = 0, g = 0, r = 0;
                for (int k = 0, i = start * 3; k < weights.Length; k++, i += 3)
                {
                    float w = weights[k];
                    b += w * row[i];
                    g += w * row[i + 1];
                    r += w * row[i + 2];
                }

                output[ox * 3] = ToByte(r);
                output[(ox * 3) + 1] = ToByte(g);
                output[(ox * 3) + 2] = ToByte(b);
            }
        }

        // Vertical pass into the planes.
        int plane = _width * _height;
        Span<float> sums = _accumulator.AsSpan(0, rowBytes);
        for (int oy = 0; oy < _contentHeight; oy++)
        {
            ReadOnlySpan<float> weights = _rows.Weights(oy, out int start);
            sums.Clear();
            for (int k = 0; k < weights.Length; k++)
            {
                float w = weights[k];
                ReadOnlySpan<byte> source = _horizontal.AsSpan((start + k) * rowBytes, rowBytes);
                for (int i = 0; i < sums.Length; i++)
                {
                    sums[i] += w * source[i];
                }
            }

            int rowBase = oy * _width;
            for (int ox = 0; ox < _contentWidth; ox++)
            {
                _tensor[rowBase + ox] = ToByte(sums[ox * 3]) * InverseByte;
                _tensor[plane + rowBase + ox] = ToByte(sums[(ox * 3) + 1]) * InverseByte;
                _tensor[(2 * plane) + rowBase + ox] = ToByte(sums[(ox * 3) + 2]) * InverseByte;
            }
        }
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);

    private void Prepare(int frameWidth, int frameHeight)
    {
        _frameWidth = frameWidth;
        _frameHeight = frameHeight;
        Scale = Math.Min((double)_width / frameWidth, (double)_height / frameHeight);
        _contentWidth = Math.Max(1, Math.Min(_width, (int)Math.Round(frameWidth * Scale)));
        _contentHeight = Math.Max(1, Math.Min(_height, (int)Math.Round(frameHeight * Scale)));
        _columns = new FilterTaps(_contentWidth);
        _columns.Compute(0, frameWidth, frameWidth);
        _rows = new FilterTaps(_contentHeight);
        _rows.Compute(0, frameHeight, frameHeight);
        _horizontal = new byte[frameHeight * _contentWidth * 3];
        _accumulator = new float[_contentWidth * 3];
        Array.Fill(_tensor, _pad); // the content area changed: the pad area must be clean again
    }
}
