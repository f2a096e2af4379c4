using EdgeCamera.TestKit;
using Microsoft.Playwright;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>
/// One edge worker fed by the simulated camera and a real Mosquitto, and one headless Debian chromium (Playwright;
/// no browser download is possible here), shared by the browser tests of a class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium (apt-get install chromium; scripts/setup.sh).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public MosquittoBroker Broker { get; private set; } = null!;

    public SimulatedCamera Camera { get; private set; } = null!;

    public EdgeHost Edge { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string GroundTruthPath => Path.Combine(Camera.ClipDirectory, "groundtruth.json");

    public static string ScreenshotPath(string name)
    {
        var dir = RepoPaths.InRepo("artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartAsync();
        Camera = await SimulatedCamera.StartAsync();
        // The simulated roadside devices play the clip's own road (the scenario of edge.settings.json).
        Edge = await EdgeHost.StartAsync(Camera.Url, Broker.Port, ["--Hardware:Mode=Simulated", $"--Hardware:GroundTruthPath={GroundTruthPath}"]);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser session (own cookies) at a phone's or a laptop's screen size.</summary>
    public Task<IBrowserContext> NewContextAsync(int widthPx = 1280, int heightPx = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = widthPx, Height = heightPx },
            IgnoreHTTPSErrors = true,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Edge is not null)
        {
            await Edge.DisposeAsync();
        }

        Camera?.Dispose();
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }
}
