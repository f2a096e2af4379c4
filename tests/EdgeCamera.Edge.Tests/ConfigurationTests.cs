using EdgeCamera.Hosting;
using EdgeCamera.TestKit;
using Microsoft.Extensions.Configuration;

namespace EdgeCamera.Edge.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_misspelt_key_in_the_camera_section_stops_the_worker_before_it_starts()
    {
        var app = EdgeApp.Build([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--Camera:Adress=rtsp://x"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("Adress", error.ToString(), StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public void An_unknown_section_in_a_settings_file_is_rejected_with_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgecam-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "Device": {}, "Outbx": { "DatabasePath": "x" } }""");
        try
        {
            var config = new ConfigurationBuilder().AddJsonFile(path).Build();

            var error = Assert.Throws<InvalidOperationException>(() => ConfigurationGuard.RejectUnknownSections(config, ["Device", "Outbox"]));

            Assert.Contains("'Outbx'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_shipped_settings_file_starts_cleanly()
    {
        var app = EdgeApp.Build([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--Camera:Url=rtsp://127.0.0.1:9/none", $"--Outbox:DatabasePath={Path.Combine(Path.GetTempPath(), $"edgecam-{Guid.NewGuid():N}.db")}", "--Broker:Port=9"]);

        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
