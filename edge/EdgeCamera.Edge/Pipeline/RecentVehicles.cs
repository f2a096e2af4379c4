namespace EdgeCamera.Edge.Pipeline;

/// <summary>The last vehicles the unit reported (newest last), for the technician's page and for tests. Bounded.</summary>
public sealed class RecentVehicles
{
    /// <summary>Enough for a few minutes of a busy road on the diagnostics page.</summary>
    public const int Capacity = 200;

    private readonly Queue<Entry> _entries = new(Capacity);
    private readonly Lock _gate = new();

    /// <param name="Violations">Type codes of the packages this vehicle produced (e.g. SPD, RLT; READ for a kept plain read); empty when nothing was sent.</param>
    public sealed record Entry(Guid EventId, string Plate, string Country, float Confidence, int Votes, DateTimeOffset SeenAtUtc, string Direction, IReadOnlyList<string> Violations)
    {
        /// <summary>Whether the plate's Arabic half said the same as its Latin half (null: not compared).</summary>
        public bool? HalvesAgree { get; init; }
    }

    public void Add(Entry entry)
    {
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<Entry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }
}
