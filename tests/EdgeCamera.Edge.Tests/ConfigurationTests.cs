using EdgeCamera.Hosting;
using EdgeCamera.TestKit;
using Microsoft.Extensions.Configuration;

namespace EdgeCamera.Edge.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_misspelt_key_in_the_camera_section_stops_the_worker_before_it_starts()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BuildAndStartAsync([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--Camera:Adress=rtsp://x"]));

        Assert.Contains("Adress", error.ToString(), StringComparison.Ordinal);
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
        var dir = Directory.CreateTempSubdirectory("edgecam-config-").FullName;
        using var device = new TestDevice("cam-demo-01");
        var key = device.WritePrivateKey(Path.Combine(dir, "device-key.pem"));
        var app = EdgeApp.Build([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--Camera:Url=rtsp://127.0.0.1:9/none", $"--Outbox:DatabasePath={Path.Combine(dir, "outbox.db")}", $"--Signing:PrivateKeyPath={key}", "--Broker:Port=9"]);

        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_missing_signing_key_stops_the_worker_with_a_message_naming_the_path_and_the_provision_command()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"edgecam-{Guid.NewGuid():N}", "device-key.pem");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BuildAndStartAsync([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--Camera:Url=rtsp://127.0.0.1:9/none", $"--Signing:PrivateKeyPath={missing}", "--Broker:Port=9"]));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("edgecam provision", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_signing_key_readable_by_others_stops_the_worker()
    {
        var dir = Directory.CreateTempSubdirectory("edgecam-config-").FullName;
        using var device = new TestDevice("cam-demo-01");
        var key = device.WritePrivateKey(Path.Combine(dir, "device-key.pem"));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BuildAndStartAsync([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--Camera:Url=rtsp://127.0.0.1:9/none", $"--Signing:PrivateKeyPath={key}", "--Broker:Port=9"]));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Configuration errors may surface while the host is built (an endpoint resolving a service) or when it
    /// starts (ValidateOnStart); either way the worker never runs.</summary>
    private static async Task BuildAndStartAsync(string[] args)
    {
        var app = EdgeApp.Build(args);
        try
        {
            await app.StartAsync();
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
