using EdgeCamera.Violations.Geometry;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Site;

namespace EdgeCamera.Violations.Rules;

/// <summary>Finds a passage's lane: the one it names, else the lane whose polygon holds most of its trajectory.</summary>
public sealed class LaneLocator
{
    private readonly IReadOnlyList<(LaneOptions Lane, Polygon Shape)> _lanes;

    public LaneLocator(SiteOptions site)
    {
        _lanes = [.. site.Lanes.Select(l => (l, l.ToPolygon()))];
    }

    public bool TryLocate(VehiclePassage passage, out LaneOptions lane)
    {
        lane = null!;
        if (passage.LaneId is { } id)
        {
            var named = _lanes.FirstOrDefault(l => l.Lane.Id == id).Lane;
            lane = named!;
            return named is not null;
        }

        var best = 0;
        foreach (var (candidate, shape) in _lanes)
        {
            var inside = passage.Trajectory.Count(p => shape.Contains(p.Ground));
            if (inside > best)
            {
                best = inside;
                lane = candidate;
            }
        }

        return best > 0;
    }
}
