using EdgeCamera.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Storage;

/// <summary>Registers the store the "Storage" section chooses (LiteDB or PostgreSQL), checked at start.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddEvidenceStore(this IServiceCollection services, IConfiguration config)
    {
        services.AddStrictOptions<StorageOptions>(config, StorageOptions.Section);
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        return services;
    }

    /// <summary>Opens the configured store (validated options); the caller disposes it.</summary>
    public static IEvidenceStore Open(StorageOptions o) => o.Provider switch
    {
        StorageProvider.PostgreSql => new PostgresEvidenceStore(
            o.ConnectionString!, string.IsNullOrWhiteSpace(o.PayloadDirectory) ? null : new PayloadFiles(o.PayloadDirectory)),
        _ => new LiteDbEvidenceStore(o.DatabasePath),
    };
}
