using System.Text.RegularExpressions;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.Violations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>The technician's page in a real browser (Debian chromium through Playwright) against a running edge worker.</summary>
[Collection(EdgeUnderTest.Name)]
public sealed class DiagnosticsPageTests(BrowserFixture fixture)
{
    /// <summary>Generous, CI-sized deadlines for things that depend on the camera and the OCR (not timing assertions).</summary>
    private static readonly float SignInTimeoutMs = 30_000;
    private static readonly float LiveTimeoutMs = 60_000;
    private static readonly float FirstReadTimeoutMs = 120_000;

    [Fact]
    public async Task Technician_signs_in_and_sees_the_live_frame_change_and_a_read_from_the_camera_appear()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, fixture.Edge.BaseUrl, EdgeHost.Password);

        var image = page.Locator("#live-img");
        await Expect(image).ToHaveAttributeAsync("data-sequence", new Regex("^[0-9]+$"), new() { Timeout = LiveTimeoutMs });
        var firstSequence = await image.GetAttributeAsync("data-sequence");
        var firstSrc = await image.GetAttributeAsync("src");
        await page.WaitForFunctionAsync(
            "first => document.getElementById('live-img').dataset.sequence !== first",
            firstSequence,
            new() { Timeout = LiveTimeoutMs, PollingInterval = 100 });

        // A newer frame of an empty stretch of road can encode to the very same JPEG (seen once under load,
        // 2026-11-27): wait for a picture that differs, as a passing vehicle makes it.
        await page.WaitForFunctionAsync(
            "first => document.getElementById('live-img').getAttribute('src') !== first",
            firstSrc,
            new() { Timeout = LiveTimeoutMs, PollingInterval = 100 });
        var laterSrc = await image.GetAttributeAsync("src");
        Assert.StartsWith("data:image/jpeg;base64,", firstSrc, StringComparison.Ordinal);
        Assert.NotEqual(firstSrc, laterSrc);

        // A plate the simulated camera really shows (its ground truth), read by the unit, listed with its crop.
        var truth = string.Join('|', fixture.Camera.GroundTruth.Vehicles.Select(v => Regex.Escape(v.Plate)));
        var trueRead = page.Locator("#reads li").Filter(new() { Has = page.Locator(".plate", new() { HasTextRegex = new Regex($"^({truth})$") }) }).First;
        await Expect(trueRead).ToBeVisibleAsync(new() { Timeout = FirstReadTimeoutMs });
        var plate = (await trueRead.Locator(".plate").InnerTextAsync()).Trim();
        Assert.Contains(fixture.Edge.Service<EdgeCamera.Edge.Pipeline.RecentVehicles>().Snapshot(), r => r.Plate == plate);
        await Expect(trueRead.Locator("img")).ToHaveAttributeAsync("src", new Regex("^/diag/crop/[0-9a-f-]+\\.jpg$"));
        await Expect(trueRead.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await trueRead.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") > 0, "the plate crop is a decodable image");

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("diagnostics-laptop"), FullPage = true });
    }

    [Fact]
    public async Task The_page_fits_a_360_px_phone_screen_without_horizontal_scrolling()
    {
        await using var context = await fixture.NewContextAsync(widthPx: 360, heightPx: 740);
        var page = await context.NewPageAsync();
        await SignInAsync(page, fixture.Edge.BaseUrl, EdgeHost.Password);
        await Expect(page.Locator("#config dt").First).ToBeVisibleAsync(new() { Timeout = SignInTimeoutMs });

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var clientWidth = await page.EvaluateAsync<int>("document.documentElement.clientWidth");

        Assert.Equal(360, clientWidth);
        Assert.True(scrollWidth <= clientWidth, $"page is {scrollWidth} px wide on a {clientWidth} px screen");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("diagnostics-phone-360"), FullPage = true });
    }

    [Fact]
    public async Task Arabic_mode_lays_the_page_out_right_to_left_and_English_back_left_to_right()
    {
        await using var context = await fixture.NewContextAsync(widthPx: 360, heightPx: 740);
        var page = await context.NewPageAsync();
        await SignInAsync(page, fixture.Edge.BaseUrl, EdgeHost.Password);

        await page.ClickAsync("#lang-toggle");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(page.Locator("#live-section h2")).ToHaveTextAsync("البث المباشر");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"Arabic page is {scrollWidth} px wide on a 360 px screen");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("diagnostics-phone-360-arabic"), FullPage = true });

        await page.ClickAsync("#lang-toggle");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
    }

    [Fact]
    public async Task The_test_IR_flash_button_fires_the_flash_and_is_audit_logged()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, fixture.Edge.BaseUrl, EdgeHost.Password);
        var flash = fixture.Edge.Service<RoadsideDevices>().Flash;
        Assert.NotNull(flash);
        var before = flash.Stats.Pulses;

        await page.ClickAsync("#ir-flash");

        await Expect(page.Locator("#ir-result")).ToHaveTextAsync("IR flash fired.");
        Assert.Equal(before + 1, flash.Stats.Pulses);
        var flashRow = page.Locator("#hardware dd").Filter(new() { HasTextRegex = new Regex($"^simulated · {before + 1} pulses") });
        await Expect(flashRow).ToBeVisibleAsync(new() { Timeout = SignInTimeoutMs });
        await Expect(page.Locator("#hardware dt").Filter(new() { HasText = "Loop pair, lane 1 (LOOP-L1)" })).ToBeVisibleAsync();
        await page.Locator("section").Filter(new() { Has = page.Locator("#hardware") }).ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("diagnostics-hardware") });
        Assert.Contains(fixture.Edge.Service<AuditLog>().Snapshot(), e => e.Action == "test IR flash" && e.Outcome == "fired");
        await Expect(page.Locator("#audit li").Filter(new() { HasText = "test IR flash: fired" }).First).ToBeVisibleAsync(new() { Timeout = SignInTimeoutMs });
    }

    internal static async Task SignInAsync(IPage page, string baseUrl, string password)
    {
        await page.GotoAsync(baseUrl + "/diag/");
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin-button");
        await Expect(page.Locator("#page")).ToBeVisibleAsync(new() { Timeout = SignInTimeoutMs });
    }
}
