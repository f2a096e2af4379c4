using EdgeCamera.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Tests.Storage;

public sealed class StorageSelectionTests
{
    [Theory]
    [InlineData("--Storage:Provider=PostgreSql", "Storage:ConnectionString is required")]
    [InlineData("--Storage:Provider=Oracle", "Storage:Provider")]
    [InlineData("--Storage:PayloadDirectory=var/cloud/payloads", "Storage:PayloadDirectory applies to Storage:Provider PostgreSql only")]
    public async Task A_store_choice_that_cannot_work_stops_the_receiver_at_start_with_the_reason(string setting, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("edgecam-cloud-config-").FullName;
        try
        {
            var ex = await Record.ExceptionAsync(async () =>
            {
                await using var app = CloudApp.Build(["--Urls=http://127.0.0.1:0", setting, $"--Storage:DatabasePath={dir}/e.db", $"--Devices:PublicKeyDirectory={dir}"]);
                await app.StartAsync();
                await app.StopAsync();
            });

            Assert.NotNull(ex);
            Assert.Contains(expected, ex is OptionsValidationException o ? string.Join("; ", o.Failures) : ex.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_connection_string_is_checked_before_any_connection_is_tried()
    {
        Assert.True(PostgresEvidenceStore.TryParseConnectionString("Host=127.0.0.1;Port=5432;Database=edgecam;Username=edgecam", out _));
        Assert.False(PostgresEvidenceStore.TryParseConnectionString("Host=127.0.0.1;Colour=blue", out var error));
        Assert.Contains("colour", error, StringComparison.OrdinalIgnoreCase);
    }
}
