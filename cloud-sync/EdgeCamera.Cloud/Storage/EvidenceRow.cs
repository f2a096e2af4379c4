using Npgsql;
using NpgsqlTypes;

namespace EdgeCamera.Cloud.Storage;

/// <summary>How a <see cref="StoredEvidence"/> maps onto a row of the <c>evidence</c> table (<see cref="PostgresSchema"/>):
/// the column lists each query selects, the insert and its parameters, and reading a row back.</summary>
internal static class EvidenceRow
{
    public const string Columns =
        "event_id, device_id, sequence, manifest_sha256, previous_manifest_sha256, received_at, site_id, violation_type, captured_at, " +
        "software_version, payload, state, violation_number, forward_attempts, last_error, forwarded_at, next_attempt_at, " +
        "dead_letter_reason, dead_lettered_at, lease_owner, lease_until, payload_file, manifest";

    /// <summary>For chain checks: no bytes, no file read, no manifest.</summary>
    public static readonly string ColumnsWithoutPayload = Columns
        .Replace(" payload,", " ''::bytea,", StringComparison.Ordinal)
        .Replace("payload_file, manifest", "NULL::text, NULL::bytea", StringComparison.Ordinal);

    /// <summary>For the outbox: the manifest column instead of the payload, which only rows stored before that column
    /// still need (their manifest is read out of it).</summary>
    public static readonly string ColumnsForForwarding = Columns
        .Replace(" payload,", " CASE WHEN manifest IS NULL THEN payload ELSE ''::bytea END,", StringComparison.Ordinal)
        .Replace(" payload_file,", " CASE WHEN manifest IS NULL THEN payload_file END,", StringComparison.Ordinal);

    public static readonly string InsertSql =
        $"INSERT INTO evidence ({Columns}) VALUES (@id, @device, @sequence, @sha, @previous, @received, @site, @type, @captured, " +
        "@software, @payload, @state, @number, @attempts, @error, @forwarded, @next, @dead_reason, @dead_at, @lease_owner, @lease_until, @payload_file, @manifest) " +
        "ON CONFLICT DO NOTHING";

    public static void AddInsertParameters(NpgsqlParameterCollection p, StoredEvidence e, string? file)
    {
        p.AddWithValue("id", e.Id);
        p.AddWithValue("device", e.DeviceId);
        p.AddWithValue("sequence", e.Sequence);
        p.AddWithValue("sha", e.ManifestSha256);
        p.AddWithValue("previous", e.PreviousManifestSha256);
        p.AddWithValue("received", Utc(e.ReceivedAtUtc));
        p.AddWithValue("site", e.SiteId);
        p.AddWithValue("type", e.ViolationTypeCode);
        p.AddWithValue("captured", Utc(e.CapturedAtUtc));
        p.AddWithValue("software", e.SoftwareVersion);
        p.AddWithValue("payload", NpgsqlDbType.Bytea, file is null ? e.Payload : []);
        p.AddWithValue("payload_file", NpgsqlDbType.Text, (object?)file ?? DBNull.Value);
        p.AddWithValue("manifest", NpgsqlDbType.Bytea, (object?)e.Manifest ?? DBNull.Value);
        p.AddWithValue("state", (short)e.State);
        p.AddWithValue("number", (object?)e.ViolationNumber ?? DBNull.Value);
        p.AddWithValue("attempts", e.ForwardAttempts);
        p.AddWithValue("error", (object?)e.LastError ?? DBNull.Value);
        p.AddWithValue("forwarded", e.ForwardedAtUtc is { } f ? Utc(f) : DBNull.Value);
        p.AddWithValue("next", Utc(e.NextAttemptAtUtc));
        p.AddWithValue("dead_reason", (object?)e.DeadLetterReason ?? DBNull.Value);
        p.AddWithValue("dead_at", e.DeadLetteredAtUtc is { } d ? Utc(d) : DBNull.Value);
        p.AddWithValue("lease_owner", (object?)e.LeaseOwner ?? DBNull.Value);
        p.AddWithValue("lease_until", Utc(e.LeaseUntilUtc));
    }

    /// <summary>timestamptz wants UTC; the store's times are UTC whatever their Kind says.</summary>
    public static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    private static DateTime? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <param name="readPayloadFile">Reads the file a row's <c>payload_file</c> names (the store's payload directory).</param>
    public static StoredEvidence Read(NpgsqlDataReader r, Func<string, byte[]> readPayloadFile) =>
        new()
        {
            Id = r.GetGuid(0),
            DeviceId = r.GetString(1),
            Sequence = r.GetInt64(2),
            DeviceSequence = StoredEvidence.DeviceSequenceKey(r.GetString(1), r.GetInt64(2)),
            ManifestSha256 = r.GetString(3),
            PreviousManifestSha256 = r.GetString(4),
            ReceivedAtUtc = r.GetDateTime(5),
            SiteId = r.GetString(6),
            ViolationTypeCode = r.GetString(7),
            CapturedAtUtc = r.GetDateTime(8),
            SoftwareVersion = r.GetString(9),
            Payload = r.IsDBNull(21) ? r.GetFieldValue<byte[]>(10) : readPayloadFile(r.GetString(21)),
            State = (ForwardState)r.GetInt16(11),
            ViolationNumber = NullableString(r, 12),
            ForwardAttempts = r.GetInt32(13),
            LastError = NullableString(r, 14),
            ForwardedAtUtc = NullableTime(r, 15),
            NextAttemptAtUtc = r.GetDateTime(16),
            DeadLetterReason = NullableString(r, 17),
            DeadLetteredAtUtc = NullableTime(r, 18),
            LeaseOwner = NullableString(r, 19),
            LeaseUntilUtc = r.GetDateTime(20),
            Manifest = r.IsDBNull(22) ? null : r.GetFieldValue<byte[]>(22),
        };
}
