using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// Shrinks an I420 frame by an integer factor d into a smaller I420 image, each plane by averaging its d × d blocks
/// (the small image's chroma sample covers 2 × 2 of its luma samples, i.e. a d × d block of the source's chroma plane).
/// The ring's form of <see cref="EvidenceFrameRing"/>'s BGR box average: the result goes to the JPEG encoder as planes,
/// so the frame is never converted to colour.
/// </summary>
internal static class I420Downscale
{
    /// <summary>Bytes of the small image for a frame of this size.</summary>
    public static int SmallLength(int width, int height, int d) =>
        Frame.ByteCount(width / d, height / d, FramePixelFormat.I420);

    /// <summary>Writes the small image (width/d × height/d, I420) into <paramref name="small"/>. d ≤ 4 (sums of 16 bytes
    /// fit 16 bits).</summary>
    public static void Shrink(Frame frame, int d, Span<byte> small)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(d, 4);
        int width = frame.Width / d, height = frame.Height / d;
        int chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2;
        ArgumentOutOfRangeException.ThrowIfLessThan(small.Length, SmallLength(frame.Width, frame.Height, d));
        int lumaBytes = width * height, chromaBytes = chromaWidth * chromaHeight;
        Plane(frame.LumaPlane, frame.Width, frame.Height, d, small[..lumaBytes], width, height);
        Plane(frame.UPlane, frame.ChromaWidth, frame.ChromaHeight, d, small.Slice(lumaBytes, chromaBytes), chromaWidth, chromaHeight);
        Plane(frame.VPlane, frame.ChromaWidth, frame.ChromaHeight, d, small.Slice(lumaBytes + chromaBytes, chromaBytes), chromaWidth, chromaHeight);
    }

    /// <summary>One plane: output (x, y) is the mean of source [x·d, x·d + d) × [y·d, y·d + d), clipped to the source
    /// (a small image with an odd width has a last chroma column that reaches past the source's).</summary>
    private static void Plane(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int d, Span<byte> output, int width, int height)
    {
        ushort[] rented = ArrayPool<ushort>.Shared.Rent(sourceWidth);
        try
        {
            Average(source, sourceWidth, sourceHeight, d, output, width, height, rented.AsSpan(0, sourceWidth));
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rented);
        }
    }

    /// <summary>Adds a row of bytes into 16-bit column sums, vectorised (the caller keeps a sum within 16 bits: at most
    /// 16 rows of 255 per d ≤ 4 block). Shared with <see cref="EvidenceFrameRing"/>'s BGR box average.</summary>
    public static void AddRow(ReadOnlySpan<byte> row, Span<ushort> sums)
    {
        int lanes = Vector<byte>.Count;
        int i = 0;
        for (; i <= row.Length - lanes; i += lanes)
        {
            Vector.Widen(new Vector<byte>(row[i..]), out Vector<ushort> low, out Vector<ushort> high);
            Span<ushort> at = sums[i..];
            (new Vector<ushort>(at) + low).CopyTo(at);
            at = sums[(i + Vector<ushort>.Count)..];
            (new Vector<ushort>(at) + high).CopyTo(at);
        }

        for (; i < row.Length; i++)
        {
            sums[i] += row[i];
        }
    }

    private static void Average(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int d, Span<byte> output, int width, int height, Span<ushort> sums)
    {
        for (int y = 0; y < height; y++)
        {
            sums.Clear();
            int rows = Math.Min(d, sourceHeight - (y * d));
            for (int dy = 0; dy < rows; dy++)
            {
                AddRow(source.Slice(((y * d) + dy) * sourceWidth, sourceWidth), sums);
            }

            Span<byte> outRow = output.Slice(y * width, width);
            int x = 0;
            if (rows == d)
            {
                // Whole d × d blocks: ÷ d² as a multiply and shift, exact for every sum up to d² × 255 with d ≤ 4
                // (checked exhaustively); with a division per pixel, keeping a 1080p frame cost 5.98 ms, now 3.70 (MicroBench
                // EvidenceRingBenchmarks.OfferI420, 2026-11-26).
                int count = d * d, reciprocal = (65536 + count - 1) / count, half = count / 2;
                int whole = Math.Min(width, sourceWidth / d);
                ref ushort sum0 = ref MemoryMarshal.GetReference(sums);
                ref byte out0 = ref MemoryMarshal.GetReference(outRow);
                if (d == 2)
                {
                    for (; x < whole; x++)
                    {
                        ref ushort pair = ref Unsafe.Add(ref sum0, 2 * x);
                        Unsafe.Add(ref out0, x) = (byte)((pair + Unsafe.Add(ref pair, 1) + 2) >> 2);
                    }
                }
                else
                {
                    for (; x < whole; x++)
                    {
                        int sum = 0;
                        for (int dx = 0; dx < d; dx++)
                        {
                            sum += Unsafe.Add(ref sum0, (x * d) + dx);
                        }

                        Unsafe.Add(ref out0, x) = (byte)(((sum + half) * reciprocal) >> 16);
                    }
                }
            }

            for (; x < width; x++)
            {
                int first = x * d;
                int columns = Math.Min(d, sourceWidth - first);
                int sum = 0;
                for (int dx = 0; dx < columns; dx++)
                {
                    sum += sums[first + dx];
                }

                int count = Math.Max(1, columns * rows);
                outRow[x] = (byte)((sum + (count / 2)) / count);
            }
        }
    }
}
