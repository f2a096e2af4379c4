using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// Cuts a box out of a BGR frame and stretches it to a fixed grey size straight into a reused float buffer
/// (pixel/255), as the recogniser expects (models/CONTRACT.md), resampled the way its training crops were made:
/// PIL's <c>convert("L")</c> then <c>resize(BILINEAR, box=…)</c> — a separable triangle filter whose support widens
/// with the shrink factor (so shrinking averages, enlarging interpolates), horizontal pass first, each pass rounded
/// to a byte as PIL's 8-bit images are. Matching it mattered: on real-dev's held-out Saudi photos a block-mean /
/// plain-bilinear sampler lost 2 of 53 plates the PIL crops read (models/cards/plate-recogniser.md).
/// Grey weights: ITU-R BT.601 luma; of an I420 frame, its luma plane expanded to full range
/// (<see cref="FrameBgr.GreyOf"/>), the same value for the pixel FFmpeg would have converted to BGR. Not thread-safe; its weight and row buffers grow to the largest box seen.
/// </summary>
internal sealed class GreyCropSampler(int width, int height)
{
    private const float InverseByte = 1f / 255f;

    private readonly FilterTaps _columns = new(width);
    private readonly FilterTaps _rows = new(height);
    private byte[] _greyRows = [];
    private byte[] _horizontal = [];

    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>The pixel box exactly.</summary>
    public void Sample(Frame frame, PixelBox box, Span<float> destination) =>
        Sample(frame, box.X, box.Y, box.X + box.Width, box.Y + box.Height, destination);

    /// <summary>The plate box widened by <paramref name="margin"/> of its width and height per side, clamped to the
    /// frame, in fractional pixels as the training crops were cut (models/scenes/crops.py <c>cut</c>). False, and
    /// nothing written, when the widened box has no area inside the frame.</summary>
    public bool TrySample(Frame frame, PixelBox plate, double margin, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        double x0 = Math.Max(0, plate.X - (margin * plate.Width));
        double y0 = Math.Max(0, plate.Y - (margin * plate.Height));
        double x1 = Math.Min(frame.Width, plate.X + plate.Width + (margin * plate.Width));
        double y1 = Math.Min(frame.Height, plate.Y + plate.Height + (margin * plate.Height));
        if (plate.Width <= 0 || plate.Height <= 0 || x1 - x0 < 1 || y1 - y0 < 1)
        {
            return false;
        }

        Sample(frame, x0, y0, x1, y1, destination);
        return true;
    }

    /// <summary>The source interval [x0, x1) × [y0, y1) in fractional pixels.</summary>
    public void Sample(Frame frame, double x0, double y0, double x1, double y1, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length < Width * Height)
        {
            throw new ArgumentException("destination is smaller than the crop", nameof(destination));
        }

        _columns.Compute(x0, x1, frame.Width);
        _rows.Compute(y0, y1, frame.Height);
        int firstRow = _rows.First(0);
        int lastRow = _rows.Last(Height - 1);
        int rowCount = lastRow - firstRow;
        int firstColumn = _columns.First(0);
        int columnCount = _columns.Last(Width - 1) - firstColumn;

        // Grey bytes of the source rows and columns the filters touch (PIL converts to "L" before resizing).
        EnsureCapacity(ref _greyRows, rowCount * columnCount);
        if (frame.Format == FramePixelFormat.I420)
        {
            FrameBgr.CopyGrey(frame, firstColumn, firstRow, columnCount, rowCount, _greyRows);
        }
        else
        {
            CopyGreyFromBgr(frame, firstColumn, firstRow, columnCount, rowCount);
        }

        // Horizontal pass: rowCount × Width bytes.
        EnsureCapacity(ref _horizontal, rowCount * Width);
        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<byte> source = _greyRows.AsSpan(r * columnCount, columnCount);
            for (int ox = 0; ox < Width; ox++)
            {
                ReadOnlySpan<float> weights = _columns.Weights(ox, out int start);
                float sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * source[start - firstColumn + k];
                }

                _horizontal[(r * Width) + ox] = ToByte(sum);
            }
        }

        // Vertical pass into the tensor.
        for (int oy = 0; oy < Height; oy++)
        {
            ReadOnlySpan<float> weights = _rows.Weights(oy, out int start);
            for (int ox = 0; ox < Width; ox++)
            {
                float sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * _horizontal[((start - firstRow + k) * Width) + ox];
                }

                destination[(oy * Width) + ox] = ToByte(sum) * InverseByte;
            }
        }
    }

    /// <summary>BT.601 grey rounded in float as PIL's "L" conversion does (not FrameBgr's integer weights).</summary>
    private void CopyGreyFromBgr(Frame frame, int firstColumn, int firstRow, int columnCount, int rowCount)
    {
        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        for (int r = 0; r < rowCount; r++)
        {
            Span<byte> grey = _greyRows.AsSpan(r * columnCount, columnCount);
            int offset = ((firstRow + r) * frame.Stride) + (firstColumn * 3);
            for (int c = 0; c < columnCount; c++, offset += 3)
            {
                grey[c] = ToByte((0.114f * pixels[offset]) + (0.587f * pixels[offset + 1]) + (0.299f * pixels[offset + 2]));
            }
        }
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);

    private static void EnsureCapacity(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length];
        }
    }
}
