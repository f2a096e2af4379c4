namespace EdgeCamera.Violations.WatchList;

/// <summary>
/// The watch list, replaced whole at run time (the cloud pushes a new version): readers always see one complete
/// version, never a mix. Thread-safe; matching is a dictionary look-up on the folded plate.
/// </summary>
public sealed class PlateWatchList
{
    private volatile Snapshot _current = new("", new Dictionary<string, WatchListEntry[]>(StringComparer.Ordinal));

    public string Version => _current.Version;

    public int Count => _current.ByKey.Values.Sum(v => v.Length);

    public void Replace(IEnumerable<WatchListEntry> entries, string version)
    {
        var byKey = entries
            .GroupBy(e => PlateKey.Fold(e.Plate), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _current = new Snapshot(version, byKey);
    }

    /// <summary>Finds the entry a read matches; an exact text match wins over a folded one.</summary>
    public bool TryMatch(string plate, string country, out WatchListMatch match)
    {
        match = null!;
        if (!_current.ByKey.TryGetValue(PlateKey.Fold(plate), out var candidates))
        {
            return false;
        }

        var canonical = PlateKey.Canonical(plate);
        WatchListMatch? best = null;
        foreach (var entry in candidates)
        {
            if (entry.Country is not null && country != "??" && !string.Equals(entry.Country, country, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var exact = string.Equals(PlateKey.Canonical(entry.Plate), canonical, StringComparison.Ordinal);
            if (best is null || (exact && !best.Exact))
            {
                best = new WatchListMatch(entry, exact);
            }
        }

        match = best!;
        return best is not null;
    }

    private sealed record Snapshot(string Version, Dictionary<string, WatchListEntry[]> ByKey);
}
