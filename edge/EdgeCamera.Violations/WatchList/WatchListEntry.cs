namespace EdgeCamera.Violations.WatchList;

/// <summary>A wanted plate: its canonical text, its country (null: any), which list and why.</summary>
public sealed record WatchListEntry(string Plate, string? Country, string ListName, string Reason);
