using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Violations;

/// <summary>A read after the <see cref="ViolationStage"/> judged it: its event id and the evidence drafts to send (one per
/// violation or watch-list hit, else the plain read when kept, else none).</summary>
public sealed record JudgedRead(VehicleRead Read, Guid EventId, IReadOnlyList<EvidenceDraft> Drafts);
