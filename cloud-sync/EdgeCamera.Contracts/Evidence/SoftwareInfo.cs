namespace EdgeCamera.Contracts.Evidence;

/// <summary>What made the evidence: the edge software's version and each model's name and version.</summary>
public sealed record SoftwareInfo(string Version, IReadOnlyList<ModelVersion> Models);

/// <summary>A model (detector, reader, …) and the version of its weights or engine.</summary>
public sealed record ModelVersion(string Name, string Version);
