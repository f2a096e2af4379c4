using EdgeCamera.Cloud.Storage;

namespace EdgeCamera.Cloud.Tests.Storage;

/// <summary>What every <see cref="IEvidenceStore"/> must do; run against LiteDB and PostgreSQL by the subclasses.</summary>
public abstract class EvidenceStoreContract
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 15, 0, DateTimeKind.Utc);

    /// <summary>A new, empty store; the subclass disposes it with the test.</summary>
    protected abstract Task<IEvidenceStore> NewStoreAsync();

    [Fact]
    public async Task A_stored_record_reads_back_with_every_field()
    {
        var store = await NewStoreAsync();
        var e = Record("cam-a", 1, T0);
        e.ForwardAttempts = 2;
        e.LastError = "HTTP 503";

        Assert.True(store.TryAdd(e));

        var back = store.Find(e.Id)!;
        Assert.Equal(
            (e.Id, e.DeviceId, e.Sequence, e.DeviceSequence, e.ManifestSha256, e.PreviousManifestSha256, e.SiteId, e.ViolationTypeCode, e.SoftwareVersion, e.State, e.ForwardAttempts, e.LastError),
            (back.Id, back.DeviceId, back.Sequence, back.DeviceSequence, back.ManifestSha256, back.PreviousManifestSha256, back.SiteId, back.ViolationTypeCode, back.SoftwareVersion, back.State, back.ForwardAttempts, back.LastError));
        Assert.Equal(e.Payload, back.Payload);
        Assert.Equal(e.Manifest, back.Manifest);
        Assert.Equal(Ms(e.ReceivedAtUtc), Ms(back.ReceivedAtUtc));
        Assert.Equal(Ms(e.CapturedAtUtc), Ms(back.CapturedAtUtc));
        Assert.Equal(back.Id, store.FindBySequence("cam-a", 1)!.Id);
        Assert.Null(store.FindBySequence("cam-a", 2));
        Assert.Null(store.Find(Guid.CreateVersion7()));
    }

    [Fact]
    public async Task A_duplicate_event_id_is_refused_by_the_key_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        var e = Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(e));
        var copy = Record("cam-a", 7, T0);
        copy.Id = e.Id;
        copy.Payload = [1, 2, 3];

        Assert.False(store.TryAdd(copy));
        Assert.Equal(1, store.Count());
        Assert.Equal(e.Payload, store.Find(e.Id)!.Payload);
        Assert.Null(store.FindBySequence("cam-a", 7));
    }

    [Fact]
    public async Task A_second_event_under_a_used_sequence_number_of_the_device_is_refused()
    {
        var store = await NewStoreAsync();
        Assert.True(store.TryAdd(Record("cam-a", 1, T0)));

        Assert.False(store.TryAdd(Record("cam-a", 1, T0)));
        Assert.True(store.TryAdd(Record("cam-b", 1, T0)));
        Assert.Equal(2, store.Count());
    }

    [Fact]
    public async Task The_same_event_added_from_many_threads_at_once_is_stored_exactly_once()
    {
        var store = await NewStoreAsync();
        var e = Record("cam-a", 1, T0);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.TryAdd(Record(e)))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public async Task The_chain_view_reads_the_same_event_and_the_devices_neighbours_in_one_call_and_nothing_of_other_devices()
    {
        var store = await NewStoreAsync();
        var (four, five, six) = (Record("cam-a", 4, T0), Record("cam-a", 5, T0), Record("cam-a", 6, T0));
        foreach (var e in new[] { four, five, six, Record("cam-b", 5, T0), Record("cam-a", 8, T0) })
        {
            Assert.True(await store.TryAddAsync(e, CancellationToken.None));
        }

        var around5 = await store.ReadChainAsync(Guid.CreateVersion7(), "cam-a", 5, CancellationToken.None);
        var sameEvent = await store.ReadChainAsync(five.Id, "cam-a", 5, CancellationToken.None);
        var gap = await store.ReadChainAsync(Guid.CreateVersion7(), "cam-a", 7, CancellationToken.None);
        var first = await store.ReadChainAsync(Guid.CreateVersion7(), "cam-c", 1, CancellationToken.None);

        Assert.Equal((null, four.Id, five.Id, six.Id), (around5.SameEvent?.Id, around5.Previous?.Id, around5.SameSequence?.Id, around5.Next?.Id));
        Assert.Equal((five.Id, five.Id), (sameEvent.SameEvent?.Id, sameEvent.SameSequence?.Id));
        Assert.Equal((six.Id, (Guid?)null), (gap.Previous?.Id, gap.SameSequence?.Id));
        Assert.Equal(six.ManifestSha256, gap.Previous!.ManifestSha256);
        Assert.Equal(new ChainView(null, null, null, null), first);
        Assert.False(await store.TryAddAsync(Record(five), CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_with_duplicates_inside_stores_the_rest_and_reports_each_duplicate()
    {
        var store = await NewStoreAsync();
        var before = Record("cam-a", 1, T0);
        Assert.True(store.TryAdd(before));
        var (two, three) = (Record("cam-a", 2, T0), Record("cam-a", 3, T0));
        var storedBefore = Record(before); // the same event id as a stored record
        var sameBatch = Record(two);       // the same event id as an earlier record of this batch
        sameBatch.Payload = [1, 2, 3];
        var usedSequence = Record("cam-a", 3, T0); // another event under a sequence taken earlier in this batch
        var otherDevice = Record("cam-b", 2, T0);

        var added = await store.TryAddBatchAsync([two, storedBefore, three, sameBatch, usedSequence, otherDevice], CancellationToken.None);

        Assert.Equal([true, false, true, false, false, true], added);
        Assert.Equal(4, store.Count());
        Assert.Equal(two.Payload, store.Find(two.Id)!.Payload);
        Assert.Equal(three.Id, store.FindBySequence("cam-a", 3)!.Id);
        Assert.Null(store.Find(usedSequence.Id));
        Assert.Empty(await store.TryAddBatchAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task Claimed_records_are_leased_to_one_node_oldest_first_until_the_lease_ends()
    {
        var store = await NewStoreAsync();
        var older = Record("cam-a", 1, T0);
        var newer = Record("cam-a", 2, T0.AddSeconds(1));
        store.TryAdd(newer);
        store.TryAdd(older);
        var now = T0.AddSeconds(5);

        var first = store.ClaimForForward("node-1", 10, now, TimeSpan.FromMinutes(1));
        var second = store.ClaimForForward("node-2", 10, now.AddSeconds(30), TimeSpan.FromMinutes(1));
        var afterLease = store.ClaimForForward("node-2", 1, now.AddMinutes(2), TimeSpan.FromMinutes(1));

        Assert.Equal([older.Id, newer.Id], first.Select(e => e.Id));
        Assert.Empty(second);
        Assert.Equal([older.Id], afterLease.Select(e => e.Id));
        Assert.Equal("node-2", store.Find(older.Id)!.LeaseOwner);
    }

    [Fact]
    public async Task A_claimed_record_carries_its_manifest_and_one_stored_without_it_comes_with_its_payload()
    {
        var store = await NewStoreAsync();
        var withManifest = Record("cam-a", 1, T0);
        var withoutManifest = Record("cam-a", 2, T0.AddSeconds(1)); // stored before manifests were kept
        withoutManifest.Manifest = null;
        store.TryAdd(withManifest);
        store.TryAdd(withoutManifest);

        var claimed = store.ClaimForForward("node-1", 10, T0.AddSeconds(5), TimeSpan.FromMinutes(1));

        Assert.Equal([withManifest.Id, withoutManifest.Id], claimed.Select(e => e.Id));
        Assert.Equal(withManifest.Manifest, claimed[0].Manifest); // its payload may be left unread
        Assert.Null(claimed[1].Manifest);
        Assert.Equal(withoutManifest.Payload, claimed[1].Payload);
    }

    [Fact]
    public async Task A_failed_attempt_is_counted_and_the_record_waits_until_its_next_attempt()
    {
        var store = await NewStoreAsync();
        var e = Record("cam-a", 1, T0);
        store.TryAdd(e);
        store.ClaimForForward("node-1", 10, T0, TimeSpan.FromMinutes(1));

        store.RecordForwardFailure(e.Id, "HTTP 503: down", T0.AddSeconds(10));

        Assert.Empty(store.ClaimForForward("node-1", 10, T0.AddSeconds(9), TimeSpan.FromMinutes(1)));
        var again = Assert.Single(store.ClaimForForward("node-1", 10, T0.AddSeconds(10), TimeSpan.FromMinutes(1)));
        Assert.Equal((1, "HTTP 503: down"), (again.ForwardAttempts, again.LastError));
    }

    [Fact]
    public async Task A_forwarded_record_leaves_the_outbox_and_is_found_by_its_violation_number()
    {
        var store = await NewStoreAsync();
        var e = Record("cam-a", 1, T0);
        store.TryAdd(e);

        store.MarkForwarded(e.Id, "NV-2026-0000042", T0.AddSeconds(1));

        Assert.Empty(store.ClaimForForward("node-1", 10, T0.AddHours(1), TimeSpan.FromMinutes(1)));
        var found = store.FindByViolationNumber("NV-2026-0000042")!;
        Assert.Equal((e.Id, ForwardState.Forwarded), (found.Id, found.State));
        Assert.Null(store.FindByViolationNumber("NV-2026-0000043"));
        Assert.Equal(1, store.CountByState()[ForwardState.Forwarded]);
    }

    [Fact]
    public async Task A_dead_letter_keeps_its_reason_and_a_replay_puts_it_back_in_the_outbox_once()
    {
        var store = await NewStoreAsync();
        var e = Record("cam-a", 1, T0);
        var other = Record("cam-a", 2, T0);
        store.TryAdd(e);
        store.TryAdd(other);
        store.RecordForwardFailure(e.Id, "HTTP 503", T0);

        store.MarkDeadLetter(e.Id, "refused by the national system: HTTP 422", T0.AddSeconds(1));

        var dead = Assert.Single(store.DeadLetters(10));
        Assert.Equal((e.Id, ForwardState.DeadLetter, "refused by the national system: HTTP 422", 2), (dead.Id, dead.State, dead.DeadLetterReason, dead.ForwardAttempts));
        Assert.Equal([other.Id], store.ClaimForForward("node-1", 10, T0.AddHours(1), TimeSpan.FromSeconds(5)).Select(r => r.Id));
        store.MarkForwarded(other.Id, "NV-1", T0.AddHours(1));
        Assert.False(store.Replay(other.Id));
        Assert.True(store.Replay(e.Id));
        Assert.False(store.Replay(e.Id));
        Assert.Empty(store.DeadLetters(10));
        var back = Assert.Single(store.ClaimForForward("node-1", 10, T0.AddHours(2), TimeSpan.FromSeconds(5)));
        Assert.Equal((e.Id, ForwardState.Pending, 0), (back.Id, back.State, back.ForwardAttempts));
    }

    [Fact]
    public async Task Hourly_counts_group_by_site_type_and_hour_within_the_period_only()
    {
        var store = await NewStoreAsync();
        var hour = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
        store.TryAdd(Record("cam-a", 1, T0, site: "S1", type: "SPD", captured: hour.AddMinutes(1)));
        store.TryAdd(Record("cam-a", 2, T0, site: "S1", type: "SPD", captured: hour.AddMinutes(59)));
        store.TryAdd(Record("cam-a", 3, T0, site: "S1", type: "RLT", captured: hour.AddMinutes(30)));
        store.TryAdd(Record("cam-b", 1, T0, site: "S2", type: "SPD", captured: hour.AddHours(1)));
        store.TryAdd(Record("cam-b", 2, T0, site: "S2", type: "SPD", captured: hour.AddHours(3)));

        var counts = store.CountByHour(hour, hour.AddHours(2));

        Assert.Equal(
            [new HourlyCount("S1", "RLT", hour, 1), new HourlyCount("S1", "SPD", hour, 2), new HourlyCount("S2", "SPD", hour.AddHours(1), 1)],
            counts.Select(c => c with { HourUtc = DateTime.SpecifyKind(c.HourUtc, DateTimeKind.Utc) }));
    }

    [Fact]
    public async Task Device_activity_gives_each_devices_count_and_its_latest_site_and_software()
    {
        var store = await NewStoreAsync();
        store.TryAdd(Record("cam-a", 1, T0, site: "S1", software: "1.0"));
        store.TryAdd(Record("cam-a", 2, T0.AddMinutes(5), site: "S9", software: "1.1"));
        store.TryAdd(Record("cam-b", 1, T0.AddMinutes(1), site: "S2", software: "1.0"));

        var activity = store.DeviceActivity();

        Assert.Equal(
            [("cam-a", 2, "S9", "1.1", Ms(T0.AddMinutes(5))), ("cam-b", 1, "S2", "1.0", Ms(T0.AddMinutes(1)))],
            activity.Select(a => (a.DeviceId, a.Packages, a.SiteId, a.SoftwareVersion, Ms(a.LastReceivedAtUtc))));
    }

    internal static StoredEvidence Record(string device, long sequence, DateTime receivedAtUtc, string site = "RUH-TEST-001", string type = "SPD", DateTime? captured = null, string software = "1.0.0")
    {
        var payload = new byte[4096];
        Random.Shared.NextBytes(payload);
        var manifest = new byte[300];
        Random.Shared.NextBytes(manifest);
        return new StoredEvidence
        {
            Id = Guid.CreateVersion7(),
            DeviceId = device,
            Sequence = sequence,
            DeviceSequence = StoredEvidence.DeviceSequenceKey(device, sequence),
            ManifestSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload)),
            PreviousManifestSha256 = new string('0', 64),
            ReceivedAtUtc = receivedAtUtc,
            SiteId = site,
            ViolationTypeCode = type,
            CapturedAtUtc = captured ?? receivedAtUtc.AddSeconds(-2),
            SoftwareVersion = software,
            Payload = payload,
            Manifest = manifest,
            State = ForwardState.Pending,
            NextAttemptAtUtc = receivedAtUtc,
            LeaseUntilUtc = DateTime.MinValue,
        };
    }

    private static StoredEvidence Record(StoredEvidence e) => new()
    {
        Id = e.Id, DeviceId = e.DeviceId, Sequence = e.Sequence, DeviceSequence = e.DeviceSequence, ManifestSha256 = e.ManifestSha256,
        PreviousManifestSha256 = e.PreviousManifestSha256, ReceivedAtUtc = e.ReceivedAtUtc, SiteId = e.SiteId, ViolationTypeCode = e.ViolationTypeCode,
        CapturedAtUtc = e.CapturedAtUtc, SoftwareVersion = e.SoftwareVersion, Payload = e.Payload, Manifest = e.Manifest, State = e.State,
        NextAttemptAtUtc = e.NextAttemptAtUtc, LeaseUntilUtc = e.LeaseUntilUtc,
    };

    /// <summary>Stores keep milliseconds (LiteDB) or microseconds (PostgreSQL): compare at milliseconds, in UTC.</summary>
    private static long Ms(DateTime t) => new DateTimeOffset(DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
