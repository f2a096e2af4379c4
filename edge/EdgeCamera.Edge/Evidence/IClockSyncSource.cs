using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Edge.Evidence;

/// <summary>Tells how far the wall clock can be trusted right now (stamped into every manifest).</summary>
public interface IClockSyncSource
{
    ClockSyncState Current();
}
