using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests.Storage;

/// <summary>One PostgreSQL server for the tests of a class (each test makes its own database in it).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
