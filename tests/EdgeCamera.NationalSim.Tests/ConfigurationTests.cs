using EdgeCamera.TestKit;

namespace EdgeCamera.NationalSim.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task An_unknown_key_in_a_section_stops_start_up_with_a_message_naming_it()
    {
        var app = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--National:Curency=SAR"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("Curency", error.ToString(), StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_invalid_value_stops_start_up()
    {
        var app = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{FreePort.Next()}", "--National:Currency=riyal"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("Currency", error.ToString(), StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}
