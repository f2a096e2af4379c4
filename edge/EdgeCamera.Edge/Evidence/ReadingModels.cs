using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Evidence;

/// <summary>
/// The models (and engines) behind every plate read, as each evidence package names them in
/// <c>software.models</c>: the objections office and an expert witness must know which weights read the plate.
/// </summary>
public sealed record ReadingModels(IReadOnlyList<ModelVersion> Models)
{
    /// <summary>The running engine's parts (model name, version and file hash).</summary>
    public static ReadingModels From(PlateEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new ReadingModels([.. engine.Components.Select(c => new ModelVersion(c.Name, c.Version))]);
    }
}
