using EdgeCamera.Bench.Pipeline;

namespace EdgeCamera.Bench.Engines;

/// <summary>What one engine did in this run: both pipeline runs, or why it could not run.</summary>
internal sealed record EngineResult(string Name, string Description, OfflineRun? Offline, LiveRun? Live, string? Error)
{
    public static EngineResult Failed(string name, string error) => new(name, "—", null, null, error);
}
