namespace EdgeCamera.Diagnostics.Tests;

/// <summary>The browser tests and the machine-endpoint tests share one edge worker, camera, broker and browser.</summary>
[CollectionDefinition(Name)]
public sealed class EdgeUnderTest : ICollectionFixture<BrowserFixture>
{
    public const string Name = "edge worker with the simulated camera";
}
