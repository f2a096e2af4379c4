namespace EdgeCamera.Contracts.WatchList;

/// <summary>The cloud's watch-list file (<c>WatchList:File</c>): the entries only; the cloud stamps version and time.</summary>
public sealed record WatchListFile(IReadOnlyList<WatchListEntryWire> Entries);
