using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Cloud.Storage;

/// <summary>The "Storage" config section: which store, and where.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><see cref="StorageProvider.LiteDb"/> (one node, embedded) or <see cref="StorageProvider.PostgreSql"/> (several nodes, one database).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>The LiteDB file (Provider LiteDb).</summary>
    public string DatabasePath { get; set; } = "var/cloud/evidence.db";

    /// <summary>Npgsql connection string (Provider PostgreSql), e.g. <c>Host=127.0.0.1;Port=5432;Database=edgecam;Username=edgecam</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Provider PostgreSql only, optional: keep each package's bytes in a file under this directory (fsynced
    /// before the row is committed) instead of the row's payload column: PostgreSQL then writes a small row, not the
    /// payload twice (WAL and table). Every node sharing the database needs the same directory (a shared volume).</summary>
    public string? PayloadDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult($"Storage:Provider must be LiteDb or PostgreSql, not '{Provider}'.", [nameof(Provider)]);
        }

        if (Provider == StorageProvider.LiteDb && string.IsNullOrWhiteSpace(DatabasePath))
        {
            yield return new ValidationResult("Storage:DatabasePath is required when Storage:Provider is LiteDb.", [nameof(DatabasePath)]);
        }

        if (Provider != StorageProvider.PostgreSql && !string.IsNullOrEmpty(PayloadDirectory))
        {
            yield return new ValidationResult("Storage:PayloadDirectory applies to Storage:Provider PostgreSql only (LiteDB keeps the payload in its file).", [nameof(PayloadDirectory)]);
        }

        if (Provider == StorageProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                yield return new ValidationResult("Storage:ConnectionString is required when Storage:Provider is PostgreSql.", [nameof(ConnectionString)]);
            }
            else if (!PostgresEvidenceStore.TryParseConnectionString(ConnectionString, out var error))
            {
                yield return new ValidationResult($"Storage:ConnectionString is not a valid Npgsql connection string: {error}", [nameof(ConnectionString)]);
            }
        }
    }
}

public enum StorageProvider
{
    LiteDb,
    PostgreSql,
}
