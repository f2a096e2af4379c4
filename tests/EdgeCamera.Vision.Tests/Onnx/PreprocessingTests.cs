using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class PreprocessingTests
{
    [Fact]
    public void A_1080p_frame_fills_the_top_of_the_detector_input_as_RGB_and_the_rest_is_padding()
    {
        using var frame = Uniform(1920, 1080, blue: 30, green: 20, red: 10);
        var letterbox = new Letterbox(640, 384, pad: 0.5f);

        letterbox.Fill(frame);

        int plane = 640 * 384;
        Assert.Equal(1.0 / 3.0, letterbox.Scale, 6);
        Assert.Equal(10 / 255f, letterbox.Tensor[0], 5);                      // R first
        Assert.Equal(20 / 255f, letterbox.Tensor[plane + (359 * 640) + 639], 5); // G, last content row
        Assert.Equal(30 / 255f, letterbox.Tensor[(2 * plane) + 100], 5);       // B
        Assert.Equal(0.5f, letterbox.Tensor[360 * 640]);                       // first padding row
        Assert.Equal(0.5f, letterbox.Tensor[(3 * plane) - 1]);
    }

    [Fact]
    public void The_mirrored_input_is_the_input_of_the_frame_mirrored_and_keeps_the_padding()
    {
        using var frame = new Frame(1920, 1080, 0, DateTimeOffset.UnixEpoch, 0);
        using var mirroredFrame = new Frame(1920, 1080, 0, DateTimeOffset.UnixEpoch, 0);
        for (int y = 0; y < 1080; y++)
        {
            for (int x = 0; x < 1920; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    byte value = (byte)(((((7 + c) * x) / 5) + (3 * y)) % 256);
                    frame.Pixels[(y * frame.Stride) + (x * 3) + c] = value;
                    mirroredFrame.Pixels[(y * mirroredFrame.Stride) + ((1919 - x) * 3) + c] = value;
                }
            }
        }

        var letterbox = new Letterbox(640, 384, pad: 0.5f);
        var reference = new Letterbox(640, 384, pad: 0.5f);
        var mirrored = new float[letterbox.Tensor.Length];
        letterbox.Fill(frame);
        reference.Fill(mirroredFrame);

        letterbox.MirrorInto(mirrored);

        for (int i = 0; i < mirrored.Length; i++)
        {
            Assert.True(Math.Abs(reference.Tensor[i] - mirrored[i]) <= 1.01f / 255f, $"value {i}: {mirrored[i]} against {reference.Tensor[i]}");
        }

        Assert.Equal(0.5f, mirrored[360 * 640]); // the padding rows stay padding
        Assert.NotEqual(letterbox.Tensor[0], mirrored[0]);
    }

    [Fact]
    public void Shrinking_filters_so_a_one_pixel_line_is_not_lost()
    {
        using var frame = Uniform(1920, 1080, 0, 0, 0);
        for (int y = 0; y < 1080; y++)
        {
            frame.Pixels[(y * frame.Stride) + (301 * 3) + 2] = 255; // a 1-px red vertical line at x = 301
        }

        var letterbox = new Letterbox(640, 384, pad: 0.5f);
        letterbox.Fill(frame);

        Assert.Equal(255 / 3 / 255f, letterbox.Tensor[100], 3); // x 300..302 → output column 100
        Assert.Equal(0f, letterbox.Tensor[101]);
    }

    [Fact]
    public void The_detector_input_is_resampled_within_one_level_of_how_pillow_resampled_the_training_images()
    {
        // Reference values: Pillow 9.4 (Debian 12), Image.resize((640, 360), BILINEAR) of the same 960×540 RGB
        // pattern R = (7x + 3y), G = (5x + 11y), B = (13x + 2y), each mod 256.
        using var frame = new Frame(960, 540, 0, DateTimeOffset.UnixEpoch, 0);
        for (int y = 0; y < 540; y++)
        {
            for (int x = 0; x < 960; x++)
            {
                int at = (y * frame.Stride) + (x * 3);
                frame.Pixels[at] = (byte)(((13 * x) + (2 * y)) % 256);
                frame.Pixels[at + 1] = (byte)(((5 * x) + (11 * y)) % 256);
                frame.Pixels[at + 2] = (byte)(((7 * x) + (3 * y)) % 256);
            }
        }

        var letterbox = new Letterbox(640, 384, pad: 0.5f);
        letterbox.Fill(frame);

        int plane = 640 * 384;
        int[] Rgb(int row, int column) =>
            [.. Enumerable.Range(0, 3).Select(c => (int)Math.Round(letterbox.Tensor[(c * plane) + (row * 640) + column] * 255))];
        // Pillow rounds to a byte between its two passes; the letterbox keeps the sum in float: within 1 of 255.
        void Near(int[] expected, int[] actual) =>
            Assert.True(expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= 1),
                $"expected [{string.Join(", ", expected)}] ± 1, got [{string.Join(", ", actual)}]");
        Near([4, 6, 6], Rgb(0, 0));
        Near([167, 235, 37], Rgb(17, 301));
        Near([134, 222, 227], Rgb(359, 639));
        Near([146, 130, 186], Rgb(200, 123));
    }

    [Fact]
    public void A_plate_crop_is_stretched_to_the_recogniser_size_in_grey()
    {
        using var frame = Uniform(640, 480, blue: 255, green: 255, red: 255);
        var sampler = new GreyCropSampler(160, 64);
        var crop = new float[160 * 64];

        sampler.Sample(frame, new PixelBox(100, 100, 80, 20), crop);   // enlarged
        Assert.All(crop, v => Assert.Equal(1f, v, 3));

        sampler.Sample(frame, new PixelBox(0, 0, 640, 256), crop);     // shrunk
        Assert.All(crop, v => Assert.Equal(1f, v, 3));
    }

    [Fact]
    public void A_plate_box_outside_the_frame_gives_no_crop()
    {
        using var frame = Uniform(640, 480, blue: 255, green: 255, red: 255);
        var sampler = new GreyCropSampler(160, 64);
        var crop = new float[160 * 64];

        Assert.False(sampler.TrySample(frame, new PixelBox(700, 100, 80, 20), 0.1, crop)); // right of the frame
        Assert.False(sampler.TrySample(frame, new PixelBox(100, 100, 0, 20), 0.1, crop));  // no width
        Assert.All(crop, v => Assert.Equal(0f, v));
        Assert.True(sampler.TrySample(frame, new PixelBox(630, 100, 80, 20), 0.1, crop));  // partly inside
        Assert.All(crop, v => Assert.Equal(1f, v, 3));
    }

    [Fact]
    public void A_plate_crop_is_resampled_as_pillow_resamples_the_training_crops()
    {
        // Reference values: Pillow 9.4 (Debian 12), Image.convert("L").resize((160, 64), BILINEAR, box=...) of the
        // same 400×200 pattern, grey = (7x + 3y) mod 256.
        using var frame = new Frame(400, 200, 0, DateTimeOffset.UnixEpoch, 0);
        for (int y = 0; y < 200; y++)
        {
            for (int x = 0; x < 400; x++)
            {
                frame.Pixels.Slice((y * frame.Stride) + (x * 3), 3).Fill((byte)(((7 * x) + (3 * y)) % 256));
            }
        }

        var sampler = new GreyCropSampler(160, 64);
        var crop = new float[160 * 64];
        (int Row, int Column)[] at = [(0, 0), (10, 37), (63, 159), (31, 80)];

        sampler.Sample(frame, 10.5, 20.25, 330.5, 148.25, crop);      // shrunk 2×
        Assert.Equal([139, 205, 183, 165], at.Select(p => (int)Math.Round(crop[(p.Row * 160) + p.Column] * 255)));

        sampler.Sample(frame, 5, 5, 45, 21, crop);                     // enlarged 4×
        Assert.Equal([46, 118, 116, 209], at.Select(p => (int)Math.Round(crop[(p.Row * 160) + p.Column] * 255)));
    }

    private static Frame Uniform(int width, int height, byte blue, byte green, byte red)
    {
        var frame = new Frame(width, height, 0, DateTimeOffset.UnixEpoch, 0);
        var pixels = frame.Pixels;
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = blue;
            pixels[i + 1] = green;
            pixels[i + 2] = red;
        }

        return frame;
    }
}
