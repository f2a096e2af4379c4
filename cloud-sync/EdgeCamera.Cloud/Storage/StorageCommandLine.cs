using EdgeCamera.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Storage;

/// <summary>The "Storage" settings an operator's command works on: the receiver's own (cloud.settings.json, the
/// environment) with the command line's <c>--Storage:…</c> overrides, validated as at start-up.</summary>
public static class StorageCommandLine
{
    /// <summary>Throws <see cref="OptionsValidationException"/> with the reason when the section cannot work.</summary>
    public static StorageOptions Options(string[] args)
    {
        var config = new ConfigurationManager();
        config.AddSettingsFile("cloud.settings.json");
        config.AddEnvironmentVariables();
        config.AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal)).ToArray());
        var services = new ServiceCollection();
        services.AddEvidenceStore(config);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
