using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Edge.Tests.Violations;

public sealed class I420DownscaleTests
{
    [Theory]
    [InlineData(2, 1922, 1082)] // the unit's factor; a width and height that leave partial blocks at the edges
    [InlineData(3, 1921, 1081)]
    [InlineData(4, 130, 74)]
    [InlineData(1, 17, 9)]
    public void Every_small_pixel_is_the_rounded_mean_of_its_block_in_each_plane(int d, int width, int height)
    {
        using var frame = new Frame(width, height, 1, DateTimeOffset.UnixEpoch, 0, FramePixelFormat.I420);
        new Random(d).NextBytes(frame.Pixels);
        var small = new byte[I420Downscale.SmallLength(width, height, d)];

        I420Downscale.Shrink(frame, d, small);

        int w = width / d, h = height / d, cw = (w + 1) / 2, ch = (h + 1) / 2;
        AssertMeans(frame.LumaPlane, width, height, d, small.AsSpan(0, w * h), w, h);
        AssertMeans(frame.UPlane, frame.ChromaWidth, frame.ChromaHeight, d, small.AsSpan(w * h, cw * ch), cw, ch);
        AssertMeans(frame.VPlane, frame.ChromaWidth, frame.ChromaHeight, d, small.AsSpan((w * h) + (cw * ch), cw * ch), cw, ch);
    }

    // The definition, one pixel at a time: the mean of the block clipped to the source, rounded half up.
    private static void AssertMeans(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int d, ReadOnlySpan<byte> small, int width, int height)
    {
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int sum = 0, count = 0;
                for (int sy = y * d; sy < Math.Min(sourceHeight, (y + 1) * d); sy++)
                {
                    for (int sx = x * d; sx < Math.Min(sourceWidth, (x + 1) * d); sx++)
                    {
                        sum += source[(sy * sourceWidth) + sx];
                        count++;
                    }
                }

                int expected = (sum + (count / 2)) / count;
                if (small[(y * width) + x] != expected)
                {
                    Assert.Fail($"pixel ({x}, {y}) of a {width}×{height} plane: {small[(y * width) + x]}, expected {expected}");
                }
            }
        }
    }
}
