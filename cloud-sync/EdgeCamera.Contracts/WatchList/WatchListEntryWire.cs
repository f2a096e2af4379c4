namespace EdgeCamera.Contracts.WatchList;

/// <summary>One wanted plate on the wire: canonical text (A-Z, 0-9), ISO country (null: any), which list, why.</summary>
public sealed record WatchListEntryWire(string Plate, string? Country, string List, string Reason);
