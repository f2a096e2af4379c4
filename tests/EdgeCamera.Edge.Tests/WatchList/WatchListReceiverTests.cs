using System.Buffers;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Contracts.WatchList;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.Violations.WatchList;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCamera.Edge.Tests.WatchList;

public sealed class WatchListReceiverTests : IDisposable
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly DeviceKey _cloudKey = DeviceKey.Generate();
    private readonly DeviceKey _cloudPublicKey;
    private readonly PlateWatchList _list = new();
    private readonly WatchListReceiver _receiver;

    public WatchListReceiverTests()
    {
        Assert.True(DeviceKey.TryFromPem(_cloudKey.ExportPublicKeyPem(), out var publicKey, out var error), error);
        _cloudPublicKey = publicKey;
        _receiver = new WatchListReceiver(_list, _cloudPublicKey, NullLogger<WatchListReceiver>.Instance);
    }

    [Fact]
    public void A_valid_list_replaces_the_one_held_and_the_same_version_again_counts_as_unchanged()
    {
        var message = Signed(WatchListWire.Create([new WatchListEntryWire("8288GNOO", "SA", "stolen", "test")], Issued));

        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(message))));
        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(message))));

        Assert.Equal((message.Version, 1, 1L, 1L), (_list.Version, _list.Count, _receiver.Accepted, _receiver.Unchanged));
        Assert.True(_list.TryMatch("8288GN00", "SA", out var match));
        Assert.False(match.Exact);
    }

    [Fact]
    public void Lists_that_are_malformed_tampered_with_badly_entered_or_older_are_refused_by_reason_and_the_held_list_stays()
    {
        var good = Signed(WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued));
        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(good))));

        var tampered = good with { Entries = [new WatchListEntryWire("1234ABC", "SA", "stolen", "test")] }; // version no longer fits
        var badEntry = Signed(WatchListWire.Create([new WatchListEntryWire("39 60-TAZ", "SA", "stolen", "test")], Issued.AddMinutes(1)));
        var older = Signed(WatchListWire.Create([new WatchListEntryWire("1234ABC", null, "wanted", "test")], Issued.AddMinutes(-1)));
        var newerSchema = Signed(WatchListWire.Create([], Issued.AddMinutes(2)) with { SchemaVersion = WatchListMessage.CurrentSchemaVersion + 1 });

        Assert.False(_receiver.Apply(Bytes("{ \"schemaVersion\": 2, \"entries\": "u8.ToArray())));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(tampered))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(badEntry))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(older))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(newerSchema))));
        Assert.False(_receiver.Apply(Bytes("{\"schemaVersion\":2,\"version\":\"x\",\"issuedAtUtc\":\"2026-11-25T09:00:00Z\",\"entries\":[],\"extra\":1}"u8.ToArray()))); // unknown field

        Assert.Equal(
            new Dictionary<string, long> { ["malformed"] = 2, ["digest"] = 1, ["entry"] = 1, ["stale"] = 1, ["schema"] = 1 },
            _receiver.RejectedByReason);
        Assert.Equal((good.Version, 1), (_list.Version, _list.Count));
        Assert.True(_list.TryMatch("3960TAZ", "SA", out _));
    }

    [Fact]
    public void A_list_signed_with_the_cloud_s_key_is_applied()
    {
        var message = Signed(WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued));

        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(message))));

        Assert.Equal((message.Version, 1, 1L), (_list.Version, _list.Count, _receiver.Accepted));
        Assert.Empty(_receiver.RejectedByReason);
    }

    [Fact]
    public void A_list_signed_by_another_key_is_refused()
    {
        using var other = DeviceKey.Generate();
        var forged = WatchListSignature.Sign(WatchListWire.Create([new WatchListEntryWire("1234ABC", "SA", "stolen", "forged")], Issued), other);

        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(forged))));

        Assert.Equal(new Dictionary<string, long> { ["signature"] = 1 }, _receiver.RejectedByReason);
        Assert.Equal(0, _list.Count);
    }

    [Fact]
    public void A_signed_list_altered_after_signing_is_refused()
    {
        var signed = Signed(WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued));
        // Entries and their digest changed together, so the digest check passes: only the signature catches it.
        var entries = new[] { new WatchListEntryWire("1234ABC", "SA", "stolen", "test") };
        var altered = signed with { Entries = entries, Version = WatchListWire.Digest(entries) };
        var redated = signed with { IssuedAtUtc = Issued.AddDays(1) };

        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(altered))));
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(redated))));

        Assert.Equal(new Dictionary<string, long> { ["signature"] = 2 }, _receiver.RejectedByReason);
        Assert.Equal(0, _list.Count);
    }

    [Fact]
    public void An_unsigned_list_is_refused()
    {
        var unsigned = WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued);

        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(unsigned))));

        Assert.Equal(new Dictionary<string, long> { ["unsigned"] = 1 }, _receiver.RejectedByReason);
        Assert.Equal(0, _list.Count);
    }

    [Fact]
    public void A_unit_without_the_cloud_s_key_refuses_every_list()
    {
        var receiver = new WatchListReceiver(_list, cloudKey: null, NullLogger<WatchListReceiver>.Instance);

        Assert.False(receiver.Apply(Bytes(WatchListWire.Serialize(Signed(WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued))))));

        Assert.Equal(new Dictionary<string, long> { ["no-key"] = 1 }, receiver.RejectedByReason);
    }

    [Fact]
    public void After_a_refused_list_the_list_held_stays_in_force()
    {
        var good = Signed(WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], Issued));
        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(good))));
        using var other = DeviceKey.Generate();
        var newer = WatchListWire.Create([new WatchListEntryWire("1234ABC", "SA", "stolen", "forged")], Issued.AddMinutes(5));

        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(newer)))); // unsigned
        Assert.False(_receiver.Apply(Bytes(WatchListWire.Serialize(WatchListSignature.Sign(newer, other))))); // forged

        Assert.Equal((good.Version, 1), (_list.Version, _list.Count));
        Assert.True(_list.TryMatch("3960TAZ", "SA", out _));
        Assert.False(_list.TryMatch("1234ABC", "SA", out _));
        Assert.Equal(new Dictionary<string, long> { ["unsigned"] = 1, ["signature"] = 1 }, _receiver.RejectedByReason);

        // A later list the cloud signed is still taken: a refusal does not block the channel.
        var next = Signed(WatchListWire.Create([new WatchListEntryWire("1234ABC", "SA", "stolen", "test")], Issued.AddMinutes(6)));
        Assert.True(_receiver.Apply(Bytes(WatchListWire.Serialize(next))));
        Assert.Equal(next.Version, _list.Version);
    }

    public void Dispose()
    {
        _cloudKey.Dispose();
        _cloudPublicKey.Dispose();
    }

    private WatchListMessage Signed(WatchListMessage message) => WatchListSignature.Sign(message, _cloudKey);

    private static ReadOnlySequence<byte> Bytes(byte[] utf8) => new(utf8);
}
