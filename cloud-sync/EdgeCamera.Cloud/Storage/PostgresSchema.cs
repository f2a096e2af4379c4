using Npgsql;

namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// The PostgreSQL schema of <see cref="PostgresEvidenceStore"/>, created at start when missing. Idempotent, and safe
/// when several nodes start at once: the statements run in one transaction under an advisory lock.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Any fixed number: the advisory lock id our nodes agree on for schema changes.</summary>
    private const long SchemaLockId = 0x0ED6_ECA0;

    public const string Sql = """
        CREATE TABLE IF NOT EXISTS evidence (
            event_id                 uuid        PRIMARY KEY,
            device_id                text        NOT NULL,
            sequence                 bigint      NOT NULL,
            manifest_sha256          text        NOT NULL,
            previous_manifest_sha256 text        NOT NULL,
            received_at              timestamptz NOT NULL,
            site_id                  text        NOT NULL,
            violation_type           text        NOT NULL,
            captured_at              timestamptz NOT NULL,
            software_version         text        NOT NULL,
            payload                  bytea       NOT NULL,
            state                    smallint    NOT NULL,
            violation_number         text        UNIQUE,
            forward_attempts         integer     NOT NULL DEFAULT 0,
            last_error               text,
            forwarded_at             timestamptz,
            next_attempt_at          timestamptz NOT NULL,
            dead_letter_reason       text,
            dead_lettered_at         timestamptz,
            lease_owner              text,
            lease_until              timestamptz NOT NULL,
            CONSTRAINT evidence_device_sequence UNIQUE (device_id, sequence)
        );
        -- JPEGs in base64 do not compress: store the payload out of line without trying.
        ALTER TABLE evidence ALTER COLUMN payload SET STORAGE EXTERNAL;
        -- Storage:PayloadDirectory: the bytes live in this file (PayloadFiles) and payload is empty.
        ALTER TABLE evidence ADD COLUMN IF NOT EXISTS payload_file text;
        -- The signed manifest's bytes (a few KB), so the outbox forwards without reading the payload; NULL in rows
        -- stored before this column (their manifest is read out of the payload).
        ALTER TABLE evidence ADD COLUMN IF NOT EXISTS manifest bytea;
        CREATE INDEX IF NOT EXISTS evidence_outbox ON evidence (received_at) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS evidence_dead ON evidence (received_at) WHERE state = 2;
        CREATE INDEX IF NOT EXISTS evidence_captured ON evidence (captured_at);
        CREATE INDEX IF NOT EXISTS evidence_device_received ON evidence (device_id, received_at);
        """;

    public static void Ensure(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@id)", connection, tx))
        {
            lockCommand.Parameters.AddWithValue("id", SchemaLockId);
            lockCommand.ExecuteNonQuery();
        }

        using (var create = new NpgsqlCommand(Sql, connection, tx))
        {
            create.ExecuteNonQuery();
        }

        tx.Commit();
    }
}
