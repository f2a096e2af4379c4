using System.Buffers;
using EdgeCamera.Contracts.WatchList;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.Violations.WatchList;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Edge.Tests.WatchList;

public sealed class WatchListReceiverTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly PlateWatchList _list = new();
    private readonly WatchListReceiver _receiver;

    public WatchListReceiverTests()
    {
        _receiver = new WatchListReceiver(_list, NullLogger<WatchListReceiver>.Instance);
    }

    [Fact]
    public void A_valid_list_replaces_the_one_held_and_the_same_version_again_counts_as_unchanged()
    {
        var message = WatchListWire.Create([new WatchListEntryWire("8288GNOO", "SA", "stolen", "test")], Issued);

        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(message))));
        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(message))));

        Assert.Equal((message.Version, 1, 1L, 1L), (_list.Version, _list.Count, _receiver.Accepted, _receiver.Unchanged));
        Assert.True(_list.TryMatch("8288GN00", "SA", out var match));
        Assert.False(match.Exact);
    }

    [Fact]
    public void Lists_that_are_malformed_tampered_with_badly_entered_or_older_are_refused_by_reason_and_the_held_list_stays()
    {
        var good = WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued);
        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(good))));

        var tampered = good with { Entries = [new WatchListEntryWire("1234ABC", "SA", "stolen", "test")] }; // version no longer fits
        var badEntry = WatchListWire.Create([new WatchListEntryWire("39 60-TAZ", "SA", "stolen", "test")], Issued.AddMinutes(1));
        var older = WatchListWire.Create([new WatchListEntryWire("1234ABC", null, "wanted", "test")], Issued.AddMinutes(-1));
        var newerSchema = WatchListWire.Create([], Issued.AddMinutes(2)) with { SchemaVersion = 2 };

        Assert.False(_receiver.Apply(Bytes("{ \"schemaVersion\": 1, \"entries\": "u8.ToArray())));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(tampered))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(badEntry))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(older))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(newerSchema))));
        Assert.False(_receiver.Apply(Bytes("{\"schemaVersion\":1,\"version\":\"x\",\"issuedAtUtc\":\"2026-11-25T09:00:00Z\",\"entries\":[],\"extra\":1}"u8.ToArray()))); // unknown field

        Assert.Equal(
            new Dictionary<string, long> { ["malformed"] = 2, ["digest"] = 1, ["entry"] = 1, ["stale"] = 1, ["schema"] = 1 },
            _receiver.RejectedByReason);
        Assert.Equal((good.Version, 1), (_list.Version, _list.Count));
        Assert.True(_list.TryMatch("3960TAZ", "SA", out _));
    }

    private static ReadOnlySequence<byte> Bytes(byte[] utf8) => new(utf8);
}
