using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// The store for several receiver nodes: one PostgreSQL database shared by all of them. A duplicate event id or device
/// sequence is absorbed by the table's PRIMARY KEY / UNIQUE constraints (<c>INSERT … ON CONFLICT DO NOTHING</c>), so
/// two nodes that receive the same package at the same moment store it once. The outbox is claimed row by row with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so each record is forwarded by one node at a time.
/// </summary>
public sealed class PostgresEvidenceStore : IEvidenceStore, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PayloadFiles? _files;

    /// <param name="connectionString">Npgsql connection string.</param>
    /// <param name="files">Where package bytes go instead of the payload column (null: in the row).</param>
    public PostgresEvidenceStore(string connectionString, PayloadFiles? files = null)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _files = files;
        PostgresSchema.Ensure(_dataSource);
    }

    public static bool TryParseConnectionString(string connectionString, [NotNullWhen(false)] out string? error)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    public bool TryAdd(StoredEvidence evidence)
    {
        var file = WritePayloadFile(evidence);
        using var cmd = InsertCommand(evidence, file);
        var added = cmd.ExecuteNonQuery() == 1;
        if (!added && file is not null)
        {
            DropRefusedFile(evidence.Id, file);
        }

        return added;
    }

    public async Task<bool> TryAddAsync(StoredEvidence evidence, CancellationToken ct)
    {
        var file = WritePayloadFile(evidence);
        await using var cmd = InsertCommand(evidence, file);
        var added = await cmd.ExecuteNonQueryAsync(ct) == 1;
        if (!added && file is not null)
        {
            DropRefusedFile(evidence.Id, file);
        }

        return added;
    }

    /// <summary>Group commit: every insert in one transaction, sent as one batch, one WAL flush at the commit. Each
    /// insert is <c>ON CONFLICT DO NOTHING</c>, so a duplicate (stored before, or earlier in this batch) affects no row
    /// and fails nothing else.</summary>
    public async Task<IReadOnlyList<bool>> TryAddBatchAsync(IReadOnlyList<StoredEvidence> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var inserts = new NpgsqlBatch(connection, transaction);
        var files = new string?[batch.Count];

        // Inserted in (device, sequence) order, whatever order the batch came in: two nodes' batches holding copies of
        // the same packages then take their row locks in the same order and wait for each other instead of deadlocking
        // (40P01, seen in GroupCommitReceiverTests with each node inserting in its own arrival order). The sort is
        // stable, so of two records under one sequence the earlier in the batch still wins.
        var order = Enumerable.Range(0, batch.Count)
            .OrderBy(i => batch[i].DeviceId, StringComparer.Ordinal).ThenBy(i => batch[i].Sequence).ToArray();
        foreach (var i in order)
        {
            files[i] = WritePayloadFile(batch[i]);
            var insert = new NpgsqlBatchCommand(EvidenceRow.InsertSql);
            EvidenceRow.AddInsertParameters(insert.Parameters, batch[i], files[i]);
            inserts.BatchCommands.Add(insert);
        }

        await inserts.ExecuteNonQueryAsync(ct);
        var added = new bool[batch.Count];
        for (var k = 0; k < order.Length; k++)
        {
            added[order[k]] = inserts.BatchCommands[k].RecordsAffected == 1;
        }

        await transaction.CommitAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!added[i] && files[i] is { } file)
            {
                DropRefusedFile(batch[i].Id, file);
            }
        }

        return added;
    }

    /// <summary>One round trip: the event's row (a duplicate) and the device's rows around the sequence, without payloads.</summary>
    public async Task<ChainView> ReadChainAsync(Guid eventId, string deviceId, long sequence, CancellationToken ct)
    {
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT {EvidenceRow.ColumnsWithoutPayload} FROM evidence WHERE event_id = @id OR (device_id = @device AND sequence BETWEEN @first AND @last)");
        cmd.Parameters.AddWithValue("id", eventId);
        cmd.Parameters.AddWithValue("device", deviceId);
        cmd.Parameters.AddWithValue("first", sequence - 1);
        cmd.Parameters.AddWithValue("last", sequence + 1);
        StoredEvidence? sameEvent = null, previous = null, sameSequence = null, next = null;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = EvidenceRow.Read(reader, ReadPayloadFile);
            sameEvent = row.Id == eventId ? row : sameEvent;
            if (row.DeviceId == deviceId)
            {
                previous = row.Sequence == sequence - 1 && sequence > 1 ? row : previous;
                sameSequence = row.Sequence == sequence ? row : sameSequence;
                next = row.Sequence == sequence + 1 ? row : next;
            }
        }

        return new ChainView(sameEvent, previous, sameSequence, next);
    }

    private NpgsqlCommand InsertCommand(StoredEvidence e, string? file)
    {
        var cmd = _dataSource.CreateCommand(EvidenceRow.InsertSql);
        EvidenceRow.AddInsertParameters(cmd.Parameters, e, file);
        return cmd;
    }

    /// <summary>With payload files, the bytes go to disk (fsynced) before the row that names them is inserted. The
    /// write is synchronous: the lane's thread waits for the disk as it waits for the commit.</summary>
    private string? WritePayloadFile(StoredEvidence e) => _files?.Write(e.Id, e.ManifestSha256, e.Payload);

    /// <summary>A refused insert's file stays only when the stored row of this event names the same file (the same
    /// event and manifest delivered twice, or at once to two nodes: one name, one file). Nothing is deleted when the
    /// insert failed rather than was refused: the retry or redelivery finds the file and uses it.</summary>
    private void DropRefusedFile(Guid eventId, string file)
    {
        using var cmd = _dataSource.CreateCommand("SELECT count(*) FROM evidence WHERE event_id = @id AND payload_file = @file");
        cmd.Parameters.AddWithValue("id", eventId);
        cmd.Parameters.AddWithValue("file", file);
        if ((long)cmd.ExecuteScalar()! == 0)
        {
            _files!.Delete(file);
        }
    }

    public StoredEvidence? Find(Guid eventId) =>
        QueryOne($"SELECT {EvidenceRow.Columns} FROM evidence WHERE event_id = @id", ("id", eventId));

    public StoredEvidence? FindBySequence(string deviceId, long sequence) =>
        QueryOne($"SELECT {EvidenceRow.ColumnsWithoutPayload} FROM evidence WHERE device_id = @device AND sequence = @sequence", ("device", deviceId), ("sequence", sequence));

    public StoredEvidence? FindByViolationNumber(string violationNumber) =>
        QueryOne($"SELECT {EvidenceRow.Columns} FROM evidence WHERE violation_number = @number", ("number", violationNumber));

    public IReadOnlyList<StoredEvidence> ClaimForForward(string node, int max, DateTime nowUtc, TimeSpan lease)
    {
        using var cmd = _dataSource.CreateCommand($"""
            UPDATE evidence SET lease_owner = @node, lease_until = @until
            WHERE event_id IN (
                SELECT event_id FROM evidence
                WHERE state = 0 AND next_attempt_at <= @now AND lease_until <= @now
                ORDER BY received_at LIMIT @max
                FOR UPDATE SKIP LOCKED)
            RETURNING {EvidenceRow.ColumnsForForwarding}
            """);
        cmd.Parameters.AddWithValue("node", node);
        cmd.Parameters.AddWithValue("until", EvidenceRow.Utc(nowUtc + lease));
        cmd.Parameters.AddWithValue("now", EvidenceRow.Utc(nowUtc));
        cmd.Parameters.AddWithValue("max", max);
        return [.. ReadAll(cmd).OrderBy(e => e.ReceivedAtUtc)];
    }

    public void MarkForwarded(Guid eventId, string violationNumber, DateTime atUtc) => Change(
        "state = 1, violation_number = @number, forwarded_at = @at, last_error = NULL, lease_owner = NULL, lease_until = '-infinity'",
        eventId, ("number", violationNumber), ("at", EvidenceRow.Utc(atUtc)));

    public void RecordForwardFailure(Guid eventId, string error, DateTime nextAttemptAtUtc) => Change(
        "forward_attempts = forward_attempts + 1, last_error = @error, next_attempt_at = @next, lease_owner = NULL, lease_until = '-infinity'",
        eventId, ("error", error), ("next", EvidenceRow.Utc(nextAttemptAtUtc)));

    public void MarkDeadLetter(Guid eventId, string reason, DateTime atUtc) => Change(
        "forward_attempts = forward_attempts + 1, last_error = @reason, state = 2, dead_letter_reason = @reason, dead_lettered_at = @at, " +
        "lease_owner = NULL, lease_until = '-infinity'",
        eventId, ("reason", reason), ("at", EvidenceRow.Utc(atUtc)));

    public IReadOnlyList<StoredEvidence> DeadLetters(int max)
    {
        using var cmd = _dataSource.CreateCommand($"SELECT {EvidenceRow.ColumnsWithoutPayload} FROM evidence WHERE state = 2 ORDER BY received_at LIMIT @max");
        cmd.Parameters.AddWithValue("max", max);
        return ReadAll(cmd);
    }

    public bool Replay(Guid eventId)
    {
        using var cmd = _dataSource.CreateCommand(
            "UPDATE evidence SET state = 0, forward_attempts = 0, next_attempt_at = '-infinity' WHERE event_id = @id AND state = 2");
        cmd.Parameters.AddWithValue("id", eventId);
        return cmd.ExecuteNonQuery() == 1;
    }

    public IReadOnlyDictionary<ForwardState, int> CountByState()
    {
        var counts = Enum.GetValues<ForwardState>().ToDictionary(s => s, _ => 0);
        using var cmd = _dataSource.CreateCommand("SELECT state, count(*) FROM evidence GROUP BY state");
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            counts[(ForwardState)reader.GetInt16(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    public IReadOnlyList<HourlyCount> CountByHour(DateTime fromUtc, DateTime toUtc)
    {
        using var cmd = _dataSource.CreateCommand("""
            SELECT site_id, violation_type, date_trunc('hour', captured_at AT TIME ZONE 'UTC') AS hour, count(*)
            FROM evidence WHERE captured_at >= @from AND captured_at < @to
            GROUP BY 1, 2, 3 ORDER BY hour, site_id COLLATE "C", violation_type COLLATE "C"
            """);
        cmd.Parameters.AddWithValue("from", EvidenceRow.Utc(fromUtc));
        cmd.Parameters.AddWithValue("to", EvidenceRow.Utc(toUtc));
        using var reader = cmd.ExecuteReader();
        var rows = new List<HourlyCount>();
        while (reader.Read())
        {
            rows.Add(new HourlyCount(reader.GetString(0), reader.GetString(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc), (int)reader.GetInt64(3)));
        }

        return rows;
    }

    public IReadOnlyList<DeviceActivity> DeviceActivity()
    {
        using var cmd = _dataSource.CreateCommand("""
            SELECT DISTINCT ON (device_id) device_id, count(*) OVER (PARTITION BY device_id), received_at, site_id, software_version
            FROM evidence ORDER BY device_id, received_at DESC
            """);
        using var reader = cmd.ExecuteReader();
        var rows = new List<DeviceActivity>();
        while (reader.Read())
        {
            rows.Add(new DeviceActivity(reader.GetString(0), (int)reader.GetInt64(1), reader.GetDateTime(2), reader.GetString(3), reader.GetString(4)));
        }

        return [.. rows.OrderBy(d => d.DeviceId, StringComparer.Ordinal)];
    }

    public int Count()
    {
        using var cmd = _dataSource.CreateCommand("SELECT count(*) FROM evidence");
        return (int)(long)cmd.ExecuteScalar()!;
    }

    public void Dispose() => _dataSource.Dispose();

    private List<StoredEvidence> ReadAll(NpgsqlCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var rows = new List<StoredEvidence>();
        while (r.Read())
        {
            rows.Add(EvidenceRow.Read(r, ReadPayloadFile));
        }

        return rows;
    }

    private byte[] ReadPayloadFile(string file) => _files?.Read(file) ?? throw new InvalidOperationException(
        $"Evidence row names payload file '{file}' but this node has no Storage:PayloadDirectory: every node sharing the database needs the same one.");

    private StoredEvidence? QueryOne(string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return ReadAll(cmd).SingleOrDefault();
    }

    private void Change(string set, Guid eventId, params (string Name, object Value)[] parameters)
    {
        using var cmd = _dataSource.CreateCommand($"UPDATE evidence SET {set} WHERE event_id = @id");
        cmd.Parameters.AddWithValue("id", eventId);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        if (cmd.ExecuteNonQuery() != 1)
        {
            throw new KeyNotFoundException(eventId.ToString());
        }
    }
}
