namespace EdgeCamera.Violations.WatchList;

/// <summary>A read that matched an entry; <see cref="Exact"/> false: only after folding OCR confusions.</summary>
public sealed record WatchListMatch(WatchListEntry Entry, bool Exact);
