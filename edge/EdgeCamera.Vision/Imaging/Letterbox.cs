using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// Scales a BGR or I420 frame into a reused planar RGB float tensor (CHW, pixel/255) of a fixed size, keeping the aspect
/// ratio and anchoring the picture at the top-left corner; the rest is filled with the pad value
/// (models/CONTRACT.md). Resampled as the detector's training images were: Pillow's <c>resize(BILINEAR)</c>, a
/// separable triangle filter widened by the shrink factor (<see cref="FilterTaps"/>), rounded to a byte at the end
/// (within 1 of Pillow's, which also rounds between its passes). An I420 frame (the camera's) is resampled plane by
/// plane — luma at full size, U and V at half — and converted to RGB (BT.601 limited range, as FFmpeg converts) only
/// at the tensor's pixels: a ninth of the colour conversions and half the bytes read of converting the frame first.
/// No allocation once the frame size is known.
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
    private FilterTaps _chromaColumns = new(1);
    private FilterTaps _chromaRows = new(1);
    private float[] _accumulator = [];
    private float[] _uSums = [];
    private float[] _vSums = [];
    private float[] _yRow = [];
    private float[] _uRow = [];
    private float[] _vRow = [];
    private FramePixelFormat _format;
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
        if (frame.Width != _frameWidth || frame.Height != _frameHeight || frame.Format != _format)
        {
            Prepare(frame.Width, frame.Height, frame.Format);
        }

        int plane = _width * _height;
        if (frame.Format == FramePixelFormat.I420)
        {
            ReadOnlySpan<byte> luma = frame.LumaPlane, u = frame.UPlane, v = frame.VPlane;
            int chromaWidth = frame.ChromaWidth;
            for (int oy = 0; oy < _contentHeight; oy++)
            {
                VerticalPass(luma, frame.Width, frame.Width, _rows, oy, _accumulator);
                VerticalPass(u, chromaWidth, chromaWidth, _chromaRows, oy, _uSums);
                VerticalPass(v, chromaWidth, chromaWidth, _chromaRows, oy, _vSums);
                HorizontalPassYuv(oy * _width, plane);
            }

            return;
        }

        ReadOnlySpan<byte> pixels = frame.ReadOnlyPixels;
        for (int oy = 0; oy < _contentHeight; oy++)
        {
            VerticalPass(pixels, frame.Stride, frame.Width * 3, _rows, oy, _accumulator);
            HorizontalPass(oy * _width, plane);
        }
    }

    /// <summary>Writes the last filled picture mirrored left to right into <paramref name="mirrored"/> (same size as
    /// <see cref="Tensor"/>), still anchored at the top-left corner, the rest the pad value: what <see cref="Fill"/>
    /// would write for the mirrored frame, to within rounding.</summary>
    public void MirrorInto(float[] mirrored)
    {
        ArgumentNullException.ThrowIfNull(mirrored);
        if (mirrored.Length != _tensor.Length)
        {
            throw new ArgumentException("the mirrored tensor must be as large as the letterbox's", nameof(mirrored));
        }

        Array.Copy(_tensor, mirrored, _tensor.Length); // pad and rows below the picture as they are
        int plane = _width * _height;
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < _contentHeight; y++)
            {
                int row = (c * plane) + (y * _width);
                mirrored.AsSpan(row, _contentWidth).Reverse();
            }
        }
    }

    // Vertical pass first, one output row at a time: the taps' source rows (whole plane width; interleaved BGR or one
    // I420 plane) are
    // summed into a float row with System.Numerics.Vector (AVX2 here, NEON on the unit), so the horizontal pass only
    // sees the 360 output rows instead of all 1080 source rows, and its row stays in L1. Pillow runs the horizontal
    // pass first and rounds to a byte between the passes; this order keeps the sum in float, so a value may differ
    // from Pillow's by 1 of 255 (PreprocessingTests). Cost per 1080p frame (MicroBench ShortRun, 2026-11-26): 20.0 ms
    // horizontal-first with a byte between the passes; see bench/README.md for this version's figure.
    private static void VerticalPass(ReadOnlySpan<byte> pixels, int stride, int rowBytes, FilterTaps rows, int outputRow, float[] accumulator)
    {
        ReadOnlySpan<float> weights = rows.Weights(outputRow, out int firstRow);
        if (pixels.Length < ((rows.Last(outputRow) - 1) * stride) + rowBytes)
        {
            throw new ArgumentException("the frame's pixel buffer is shorter than its size says", nameof(pixels));
        }

        ref byte source = ref MemoryMarshal.GetReference(pixels);
        ref float sums = ref MemoryMarshal.GetArrayDataReference(accumulator);
        int lanes = Vector<byte>.Count;
        int floatLanes = Vector<float>.Count;
        int i = 0;
        for (; i <= rowBytes - lanes; i += lanes)
        {
            Vector<float> s0 = Vector<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0; k < weights.Length; k++)
            {
                var w = new Vector<float>(weights[k]);
                Vector<byte> bytes = Vector.LoadUnsafe(ref source, (nuint)(((firstRow + k) * stride) + i));
                Vector.Widen(bytes, out Vector<ushort> low, out Vector<ushort> high);
                // Converted as int (exact below 256): int → float is one instruction, uint → float is emulated on AVX2
                // (MicroBench LetterboxFill, 25 iterations, 2026-11-26: 8.1 → 4.9 ms a 1080p frame).
                Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                s0 += w * Vector.ConvertToSingle(Vector.AsVectorInt32(a));
                s1 += w * Vector.ConvertToSingle(Vector.AsVectorInt32(b));
                s2 += w * Vector.ConvertToSingle(Vector.AsVectorInt32(c));
                s3 += w * Vector.ConvertToSingle(Vector.AsVectorInt32(d));
            }

            s0.StoreUnsafe(ref sums, (nuint)i);
            s1.StoreUnsafe(ref sums, (nuint)(i + floatLanes));
            s2.StoreUnsafe(ref sums, (nuint)(i + (2 * floatLanes)));
            s3.StoreUnsafe(ref sums, (nuint)(i + (3 * floatLanes)));
        }

        for (; i < rowBytes; i++)
        {
            float sum = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                sum += weights[k] * Unsafe.Add(ref source, ((firstRow + k) * stride) + i);
            }

            Unsafe.Add(ref sums, i) = sum;
        }
    }

    // Every index stays inside the buffers: FilterTaps clamps each tap to [0, frame size) and Prepare sizes the
    // accumulator to one frame row.
    private void HorizontalPass(int rowBase, int plane)
    {
        int[] starts = _columns.Starts;
        int[] counts = _columns.Counts;
        int weightStride = _columns.WeightStride;
        ref float weights = ref MemoryMarshal.GetArrayDataReference(_columns.WeightTable);
        ref float sums = ref MemoryMarshal.GetArrayDataReference(_accumulator);
        ref float rRow = ref MemoryMarshal.GetArrayDataReference(_yRow); // the row buffers hold R, G, B here
        ref float gRow = ref MemoryMarshal.GetArrayDataReference(_uRow);
        ref float bRow = ref MemoryMarshal.GetArrayDataReference(_vRow);
        for (int ox = 0; ox < _contentWidth; ox++)
        {
            ref float p = ref Unsafe.Add(ref sums, starts[ox] * 3);
            ref float w = ref Unsafe.Add(ref weights, ox * weightStride);
            float b = 0, g = 0, r = 0;
            for (int k = 0, count = counts[ox]; k < count; k++)
            {
                float wk = Unsafe.Add(ref w, k);
                b += wk * Unsafe.Add(ref p, 3 * k);
                g += wk * Unsafe.Add(ref p, (3 * k) + 1);
                r += wk * Unsafe.Add(ref p, (3 * k) + 2);
            }

            Unsafe.Add(ref rRow, ox) = r;
            Unsafe.Add(ref gRow, ox) = g;
            Unsafe.Add(ref bRow, ox) = b;
        }

        RowsToTensor(rowBase, plane);
    }

    // The I420 form of HorizontalPass: luma with the frame's column taps, U and V with the same taps folded onto the
    // half-width plane (FilterTaps.ComputeHalved: as if FFmpeg had upsampled the chroma to BGR first) into three rows,
    // then to RGB and into the tensor a vector at a time.
    private void HorizontalPassYuv(int rowBase, int plane)
    {
        int[] starts = _columns.Starts, counts = _columns.Counts;
        int[] chromaStarts = _chromaColumns.Starts, chromaCounts = _chromaColumns.Counts;
        int weightStride = _columns.WeightStride, chromaStride = _chromaColumns.WeightStride;
        ref float weights = ref MemoryMarshal.GetArrayDataReference(_columns.WeightTable);
        ref float chromaWeights = ref MemoryMarshal.GetArrayDataReference(_chromaColumns.WeightTable);
        ref float lumaSums = ref MemoryMarshal.GetArrayDataReference(_accumulator);
        ref float uSums = ref MemoryMarshal.GetArrayDataReference(_uSums);
        ref float vSums = ref MemoryMarshal.GetArrayDataReference(_vSums);
        ref float yRow = ref MemoryMarshal.GetArrayDataReference(_yRow);
        ref float uRow = ref MemoryMarshal.GetArrayDataReference(_uRow);
        ref float vRow = ref MemoryMarshal.GetArrayDataReference(_vRow);
        for (int ox = 0; ox < _contentWidth; ox++)
        {
            ref float p = ref Unsafe.Add(ref lumaSums, starts[ox]);
            ref float w = ref Unsafe.Add(ref weights, ox * weightStride);
            float y = 0;
            for (int k = 0, count = counts[ox]; k < count; k++)
            {
                y += Unsafe.Add(ref w, k) * Unsafe.Add(ref p, k);
            }

            ref float pu = ref Unsafe.Add(ref uSums, chromaStarts[ox]);
            ref float pv = ref Unsafe.Add(ref vSums, chromaStarts[ox]);
            ref float cw = ref Unsafe.Add(ref chromaWeights, ox * chromaStride);
            float u = 0, v = 0;
            for (int k = 0, count = chromaCounts[ox]; k < count; k++)
            {
                float wk = Unsafe.Add(ref cw, k);
                u += wk * Unsafe.Add(ref pu, k);
                v += wk * Unsafe.Add(ref pv, k);
            }

            Unsafe.Add(ref yRow, ox) = y;
            Unsafe.Add(ref uRow, ox) = u;
            Unsafe.Add(ref vRow, ox) = v;
        }

        YuvRowsToRgb();
        RowsToTensor(rowBase, plane);
    }

    // BT.601 limited range to RGB (the float form of FFmpeg's matrix: Y' = 255/219 (Y − 16), chroma ×255/224), in
    // place: the Y, U and V rows become R, G and B, a vector of pixels at a time. Scalar, this and the rounding in
    // RowsToTensor were most of the I420 letterbox's time (perf, 2026-11-26).
    private void YuvRowsToRgb()
    {
        const float LumaGain = 255f / 219f, Rv = 1.596027f, Gu = 0.391762f, Gv = 0.812968f, Bu = 2.017232f;
        int lanes = Vector<float>.Count;
        int ox = 0;
        for (; ox <= _contentWidth - lanes; ox += lanes)
        {
            var luma = LumaGain * (new Vector<float>(_yRow, ox) - new Vector<float>(16f));
            var u = new Vector<float>(_uRow, ox) - new Vector<float>(128f);
            var v = new Vector<float>(_vRow, ox) - new Vector<float>(128f);
            (luma + (Rv * v)).CopyTo(_yRow, ox);
            (luma - (Gu * u) - (Gv * v)).CopyTo(_uRow, ox);
            (luma + (Bu * u)).CopyTo(_vRow, ox);
        }

        for (; ox < _contentWidth; ox++)
        {
            float luma = LumaGain * (_yRow[ox] - 16f);
            float u = _uRow[ox] - 128f, v = _vRow[ox] - 128f;
            (_yRow[ox], _uRow[ox], _vRow[ox]) = (luma + (Rv * v), luma - (Gu * u) - (Gv * v), luma + (Bu * u));
        }
    }

    // The R, G and B rows into the tensor's three planes, rounded and scaled as ToUnit does, a vector at a time
    // (Vector.Round rounds half to even, as MathF.Round does); the tail of a row that is not a whole vector, one by one.
    private void RowsToTensor(int rowBase, int plane)
    {
        int lanes = Vector<float>.Count;
        int at = 0;
        for (; at <= _contentWidth - lanes; at += lanes)
        {
            StoreUnit(new Vector<float>(_yRow, at), rowBase + at);
            StoreUnit(new Vector<float>(_uRow, at), plane + rowBase + at);
            StoreUnit(new Vector<float>(_vRow, at), (2 * plane) + rowBase + at);
        }

        for (; at < _contentWidth; at++)
        {
            _tensor[rowBase + at] = ToUnit(_yRow[at]);
            _tensor[plane + rowBase + at] = ToUnit(_uRow[at]);
            _tensor[(2 * plane) + rowBase + at] = ToUnit(_vRow[at]);
        }
    }

    // Rounded to a byte first, as the training images were stored, then scaled to [0, 1].
    private static float ToUnit(float value) => Math.Clamp(MathF.Round(value), 0f, 255f) * InverseByte;

    // ToUnit for a vector of pixels, into the tensor.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreUnit(Vector<float> value, int at) =>
        (Vector.Min(Vector.Max(Vector.Round(value), Vector<float>.Zero), new Vector<float>(255f)) * new Vector<float>(InverseByte)).CopyTo(_tensor, at);

    private void Prepare(int frameWidth, int frameHeight, FramePixelFormat format)
    {
        _frameWidth = frameWidth;
        _frameHeight = frameHeight;
        _format = format;
        Scale = Math.Min((double)_width / frameWidth, (double)_height / frameHeight);
        _contentWidth = Math.Max(1, Math.Min(_width, (int)Math.Round(frameWidth * Scale)));
        _contentHeight = Math.Max(1, Math.Min(_height, (int)Math.Round(frameHeight * Scale)));
        _columns = new FilterTaps(_contentWidth);
        _columns.Compute(0, frameWidth, frameWidth);
        _rows = new FilterTaps(_contentHeight);
        _rows.Compute(0, frameHeight, frameHeight);
        _accumulator = new float[format == FramePixelFormat.I420 ? frameWidth : frameWidth * 3];
        _yRow = new float[_contentWidth]; // Y, U, V of an output row (R, G, B for a BGR frame) before the conversion
        _uRow = new float[_contentWidth];
        _vRow = new float[_contentWidth];
        if (format == FramePixelFormat.I420)
        {
            int chromaWidth = (frameWidth + 1) / 2, chromaHeight = (frameHeight + 1) / 2;
            _chromaColumns = new FilterTaps(_contentWidth);
            _chromaColumns.ComputeHalved(_columns, chromaWidth);
            _chromaRows = new FilterTaps(_contentHeight);
            _chromaRows.ComputeHalved(_rows, chromaHeight);
            _uSums = new float[chromaWidth];
            _vSums = new float[chromaWidth];
        }

        Array.Fill(_tensor, _pad); // the content area changed: the pad area must be clean again
    }
}
