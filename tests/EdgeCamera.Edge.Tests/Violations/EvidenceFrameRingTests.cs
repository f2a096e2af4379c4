using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;
using SkiaSharp;

namespace EdgeCamera.Edge.Tests.Violations;

public sealed class EvidenceFrameRingTests
{
    [Fact]
    public void A_frame_with_a_plate_is_kept_downscaled_with_its_colours_and_one_without_is_skipped()
    {
        var ring = new EvidenceFrameRing(capacity: 4, downscale: 2, jpegQuality: 90);
        using var frame = TwoHalves(sequence: 7);
        using var empty = TwoHalves(sequence: 8);

        ring.Offer(frame, plateCandidates: 1);
        ring.Offer(empty, plateCandidates: 0);

        Assert.True(ring.TryGet(7, out var jpeg));
        Assert.False(ring.TryGet(8, out _));
        using var decoded = SKBitmap.Decode(jpeg);
        Assert.Equal((64, 36), (decoded.Width, decoded.Height));
        SKColor left = decoded.GetPixel(10, 18), right = decoded.GetPixel(54, 18);
        Assert.InRange(left.Red, 0, 40);     // left half: BGR (200, 100, 20) → blue-ish
        Assert.InRange(left.Blue, 170, 230);
        Assert.InRange(right.Red, 210, 255); // right half: BGR (20, 60, 240) → red
        Assert.InRange(right.Blue, 0, 50);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_I420_camera_frame_is_kept_with_its_colours(int downscale)
    {
        var ring = new EvidenceFrameRing(capacity: 4, downscale: downscale, jpegQuality: 90);
        using var frame = TwoHalvesI420(sequence: 3);

        ring.Offer(frame, plateCandidates: 1);

        Assert.True(ring.TryGet(3, out var jpeg));
        using var decoded = SKBitmap.Decode(jpeg);
        Assert.Equal((128 / downscale, 72 / downscale), (decoded.Width, decoded.Height));
        SKColor left = decoded.GetPixel(20 / downscale, 36 / downscale), right = decoded.GetPixel(108 / downscale, 36 / downscale);
        Assert.InRange(left.Red, 0, 40);     // same colours as TwoHalves, written as BT.601 limited-range YUV
        Assert.InRange(left.Blue, 170, 230);
        Assert.InRange(right.Red, 210, 255);
        Assert.InRange(right.Blue, 0, 50);
    }

    [Fact]
    public void A_full_ring_drops_and_counts_the_oldest_frame()
    {
        var ring = new EvidenceFrameRing(capacity: 2, downscale: 1, jpegQuality: 80);
        for (long sequence = 0; sequence < 3; sequence++)
        {
            using var frame = TwoHalves(sequence);
            ring.Offer(frame, plateCandidates: 1);
        }

        Assert.Equal(2, ring.Count);
        Assert.Equal(1, ring.Dropped);
        Assert.False(ring.TryGet(0, out _));
        Assert.True(ring.TryGet(2, out _));
        Assert.Equal(1, ring.Misses);
    }

    [Fact]
    public void A_jpeg_taken_from_the_ring_stays_intact_when_the_ring_reuses_its_buffer()
    {
        var ring = new EvidenceFrameRing(capacity: 1, downscale: 2, jpegQuality: 80);
        using (var first = TwoHalves(sequence: 1))
        {
            ring.Offer(first, plateCandidates: 1);
        }

        Assert.True(ring.TryGet(1, out var taken));
        byte[] before = [.. taken];
        using (var second = Uniform(sequence: 2))
        {
            ring.Offer(second, plateCandidates: 1); // overwrites the one slot's buffer
        }

        Assert.Equal(before, taken);
        Assert.True(ring.TryGet(2, out var latest));
        Assert.NotEqual(before, latest);
        using var decoded = SKBitmap.Decode(latest);
        Assert.Equal(64, decoded.Width);
    }

    private static Frame Uniform(long sequence)
    {
        var frame = new Frame(128, 72, sequence, DateTimeOffset.UnixEpoch, sequence);
        frame.Pixels.Fill(128);
        return frame;
    }

    /// <summary>128×72 BGR: left half (200, 100, 20), right half (20, 60, 240).</summary>
    private static Frame TwoHalves(long sequence)
    {
        var frame = new Frame(128, 72, sequence, DateTimeOffset.UnixEpoch, sequence);
        for (var y = 0; y < 72; y++)
        {
            for (var x = 0; x < 128; x++)
            {
                var at = (y * frame.Stride) + (x * 3);
                (frame.Pixels[at], frame.Pixels[at + 1], frame.Pixels[at + 2]) = x < 64 ? ((byte)200, (byte)100, (byte)20) : ((byte)20, (byte)60, (byte)240);
            }
        }

        return frame;
    }

    /// <summary>TwoHalves as the camera delivers it: I420, BT.601 limited range — left (Y 91, U 184, V 86) is BGR
    /// (200, 100, 20), right (Y 110, U 84, V 210) is BGR (20, 60, 240).</summary>
    private static Frame TwoHalvesI420(long sequence)
    {
        var frame = new Frame(128, 72, sequence, DateTimeOffset.UnixEpoch, sequence, FramePixelFormat.I420);
        var pixels = frame.Pixels;
        int luma = 128 * 72, chroma = 64 * 36;
        for (var y = 0; y < 72; y++)
        {
            pixels.Slice(y * 128, 64).Fill(91);
            pixels.Slice((y * 128) + 64, 64).Fill(110);
        }

        for (var y = 0; y < 36; y++)
        {
            pixels.Slice(luma + (y * 64), 32).Fill(184);
            pixels.Slice(luma + (y * 64) + 32, 32).Fill(84);
            pixels.Slice(luma + chroma + (y * 64), 32).Fill(86);
            pixels.Slice(luma + chroma + (y * 64) + 32, 32).Fill(210);
        }

        return frame;
    }
}
