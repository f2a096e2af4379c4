using System.Diagnostics;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using SkiaSharp;
using Xunit.Abstractions;

namespace EdgeCamera.Vision.Tests.Imaging;

/// <summary>
/// The camera's frames are I420 (the decoder's own format); every reader of a frame must see the picture FFmpeg would
/// have converted to BGR. Reference: one 1280×720 frame of FFmpeg's testsrc2 pattern (colour bars, gradients, text)
/// written as yuv420p, and the same bytes converted by FFmpeg to bgr24.
/// </summary>
public sealed class I420FrameTests(ITestOutputHelper output)
{
    private const int Width = 1280;
    private const int Height = 720;

    [Fact]
    public void An_I420_frame_reads_as_the_BGR_FFmpeg_converts_it_to()
    {
        using var pair = Reference.Make();
        var bgr = new byte[Width * Height * 3];

        FrameBgr.Copy(pair.I420, 0, 0, Width, Height, 1, bgr);

        var (meanDiff, maxDiff) = Compare(bgr, pair.Bgr.ReadOnlyPixels);
        output.WriteLine($"BGR from I420 vs FFmpeg: mean |diff| {meanDiff:F3}, max {maxDiff}");
        // FFmpeg's tables round differently from BT.601's fixed-point form by a level or so.
        Assert.True(maxDiff <= 3, $"max |diff| {maxDiff} levels");
        Assert.True(meanDiff < 1, $"mean |diff| {meanDiff:F3} levels");
    }

    [Fact]
    public void The_detector_input_from_an_I420_frame_matches_the_one_from_its_BGR_conversion()
    {
        using var pair = Reference.Make();
        var fromI420 = new Letterbox(640, 384, pad: 0.5f);
        var fromBgr = new Letterbox(640, 384, pad: 0.5f);

        fromI420.Fill(pair.I420);
        fromBgr.Fill(pair.Bgr);

        var (meanDiff, p99, maxDiff) = CompareFloats(fromI420.Tensor, fromBgr.Tensor);
        output.WriteLine($"letterbox I420 vs BGR: mean |diff| {meanDiff:F3}, p99 {p99}, max {maxDiff} levels");
        // Not identical at saturated colour edges: FFmpeg clamps each out-of-gamut pixel before the filter averages, the
        // I420 path averages first and clamps once (measured here: max 23 levels, on testsrc2's pure colours).
        Assert.True(meanDiff < 1, $"mean |diff| {meanDiff:F3} levels");
        Assert.True(p99 <= 3, $"99th percentile |diff| {p99} levels");
        Assert.Equal(0.5f, fromI420.Tensor[^1]);                       // padding untouched
    }

    [Fact]
    public void A_plate_crop_from_an_I420_frame_is_the_grey_of_its_BGR_conversion()
    {
        using var pair = Reference.Make();
        var sampler = new GreyCropSampler(160, 64);
        var fromI420 = new float[160 * 64];
        var fromBgr = new float[160 * 64];
        foreach (var box in new[] { new PixelBox(100, 100, 80, 20), new PixelBox(0, 0, 640, 256), new PixelBox(700, 500, 300, 90) })
        {
            sampler.Sample(pair.I420, box, fromI420);
            sampler.Sample(pair.Bgr, box, fromBgr);

            var (meanDiff, p99, maxDiff) = CompareFloats(fromI420, fromBgr);
            output.WriteLine($"crop {box}: mean |diff| {meanDiff:F3}, p99 {p99}, max {maxDiff} levels");
            // Where FFmpeg clamps an out-of-gamut colour, the grey of its clamped BGR is not the luma (testsrc2's
            // pure colours: up to 11 levels); elsewhere within a level or two.
            Assert.True(meanDiff < 1.5, $"{box}: mean |diff| {meanDiff:F3} levels");
            Assert.True(p99 <= 8, $"{box}: 99th percentile |diff| {p99} levels");
        }
    }

    [Fact]
    public void An_I420_frame_and_a_crop_of_it_encode_to_JPEGs_of_the_same_picture()
    {
        using var pair = Reference.Make();
        var box = new PixelBox(200, 300, 240, 120);

        using var whole = SKBitmap.Decode(JpegEncoder.Encode(pair.I420, quality: 90));
        using var crop = SKBitmap.Decode(JpegEncoder.EncodeCrop(pair.I420, box, quality: 90));

        Assert.Equal((Width, Height), (whole.Width, whole.Height));
        Assert.Equal((box.Width, box.Height), (crop.Width, crop.Height));
        double wholeDiff = MeanDiff(whole, pair.Bgr, 0, 0);
        double cropDiff = MeanDiff(crop, pair.Bgr, box.X, box.Y);
        output.WriteLine($"JPEG vs FFmpeg's BGR: whole mean |diff| {wholeDiff:F2}, crop {cropDiff:F2} levels");
        Assert.True(wholeDiff < 4, $"whole frame mean |diff| {wholeDiff:F2}");
        Assert.True(cropDiff < 4, $"crop mean |diff| {cropDiff:F2}");
    }

    private static double MeanDiff(SKBitmap decoded, Frame bgr, int x0, int y0)
    {
        ReadOnlySpan<byte> pixels = bgr.ReadOnlyPixels;
        long sum = 0;
        for (int y = 0; y < decoded.Height; y++)
        {
            for (int x = 0; x < decoded.Width; x++)
            {
                SKColor c = decoded.GetPixel(x, y);
                int at = ((y0 + y) * bgr.Stride) + ((x0 + x) * 3);
                sum += Math.Abs(c.Blue - pixels[at]) + Math.Abs(c.Green - pixels[at + 1]) + Math.Abs(c.Red - pixels[at + 2]);
            }
        }

        return sum / (3.0 * decoded.Width * decoded.Height);
    }

    private static (double Mean, int Max) Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - b[i]);
            sum += d;
            max = Math.Max(max, d);
        }

        return ((double)sum / a.Length, max);
    }

    // Both sides in levels of 255 (the tensors hold a byte / 255).
    private static (double Mean, int P99, int Max) CompareFloats(float[] a, float[] b)
    {
        var diffs = new int[a.Length];
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diffs[i] = (int)Math.Round(Math.Abs(a[i] - b[i]) * 255);
            sum += diffs[i];
        }

        Array.Sort(diffs);
        return ((double)sum / a.Length, diffs[(int)(diffs.Length * 0.99)], diffs[^1]);
    }

    private sealed class Reference : IDisposable
    {
        private Reference(Frame i420, Frame bgr)
        {
            I420 = i420;
            Bgr = bgr;
        }

        public Frame I420 { get; }

        public Frame Bgr { get; }

        public static Reference Make()
        {
            var i420 = new Frame(Width, Height, 0, DateTimeOffset.UnixEpoch, 0, FramePixelFormat.I420);
            var bgr = new Frame(Width, Height, 0, DateTimeOffset.UnixEpoch, 0);
            string dir = Directory.CreateTempSubdirectory("i420-").FullName;
            try
            {
                string yuv = Path.Combine(dir, "frame.yuv");
                Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={Width}x{Height}:rate=1", "-frames:v", "1",
                    "-pix_fmt", "yuv420p", "-f", "rawvideo", yuv);
                File.ReadAllBytes(yuv).CopyTo(i420.Pixels);
                string raw = Path.Combine(dir, "frame.bgr");
                Ffmpeg("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{Width}x{Height}", "-i", yuv,
                    "-pix_fmt", "bgr24", "-f", "rawvideo", raw);
                File.ReadAllBytes(raw).CopyTo(bgr.Pixels);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }

            return new Reference(i420, bgr);
        }

        public void Dispose()
        {
            I420.Dispose();
            Bgr.Dispose();
        }

        private static void Ffmpeg(params string[] args)
        {
            var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. args])
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi)!;
            string errors = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(30_000), "ffmpeg did not finish in 30 s");
            Assert.True(process.ExitCode == 0, $"ffmpeg failed: {errors}");
        }
    }
}
