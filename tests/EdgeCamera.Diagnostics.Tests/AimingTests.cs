using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>Focus and exposure measures on synthetic plates, and the advice given from them.</summary>
public sealed class AimingTests
{
    [Fact]
    public void A_sharp_plate_scores_higher_focus_than_the_same_plate_blurred_and_exposure_is_its_mean_grey()
    {
        using var sharp = Stripes(blurRadius: 0);
        using var blurred = Stripes(blurRadius: 3);
        var box = new PixelBox(10, 10, 180, 40);

        Assert.True(PlateImageQuality.TryMeasure(sharp, box, out var sharpFocus, out var sharpLuma));
        Assert.True(PlateImageQuality.TryMeasure(blurred, box, out var blurredFocus, out _));

        Assert.True(sharpFocus > 10 * blurredFocus, $"sharp {sharpFocus:F0} vs blurred {blurredFocus:F0}");
        Assert.InRange(sharpLuma, 120, 135); // Half black, half white stripes: mean grey ~127.
    }

    [Fact]
    public void Advice_says_too_small_when_plates_are_narrower_than_130_px_and_ok_inside_the_range()
    {
        var now = DateTimeOffset.UnixEpoch;
        var small = AimingAdvice.Summarise([new LiveView.AimingSample(now, 90, 400, 120, "A"), new LiveView.AimingSample(now, 100, 400, 120, "B")]);
        var good = AimingAdvice.Summarise([new LiveView.AimingSample(now, 180, 400, 120, "A")]);
        var none = AimingAdvice.Summarise([]);

        Assert.Equal("too-small", small.WidthVerdict);
        Assert.Equal(0, small.ShareInRange);
        Assert.Equal("ok", good.WidthVerdict);
        Assert.Equal("ok", good.FocusVerdict);
        Assert.Equal("ok", good.ExposureVerdict);
        Assert.Equal("no-data", none.WidthVerdict);
    }

    /// <summary>A 200 × 60 frame of vertical 4-px black/white stripes, box-blurred horizontally by <paramref name="blurRadius"/>.</summary>
    private static Frame Stripes(int blurRadius)
    {
        const int w = 200;
        const int h = 60;
        var frame = new Frame(w, h, 0, DateTimeOffset.UnixEpoch, 0);
        var row = new double[w];
        for (var x = 0; x < w; x++)
        {
            double sum = 0;
            var n = 0;
            for (var k = -blurRadius; k <= blurRadius; k++)
            {
                var xx = Math.Clamp(x + k, 0, w - 1);
                sum += (xx / 4) % 2 == 0 ? 0 : 255;
                n++;
            }

            row[x] = sum / n;
        }

        var pixels = frame.Pixels;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var v = (byte)Math.Round(row[x]);
                pixels[(y * w * 3) + (x * 3)] = v;
                pixels[(y * w * 3) + (x * 3) + 1] = v;
                pixels[(y * w * 3) + (x * 3) + 2] = v;
            }
        }

        return frame;
    }
}
