using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// A read-only view of the unit's effective configuration for the page: the sections named in the settings files or on
/// the command line (not the whole environment), with the values of keys that look secret masked.
/// </summary>
public static class ConfigurationView
{
    public const string Mask = "••••••";

    private static readonly string[] SecretWords = ["Password", "Key", "Secret", "Token"];

    public sealed record Setting(string Key, string Value);

    public static IReadOnlyList<Setting> Read(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return [];
        }

        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in root.Providers.Where(p => p is JsonConfigurationProvider or CommandLineConfigurationProvider))
        {
            sections.UnionWith(provider.GetChildKeys([], parentPath: null));
        }

        return
        [
            .. root.AsEnumerable()
                .Where(kv => kv.Value is not null && sections.Contains(kv.Key.Split(':')[0]))
                .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                .Select(kv => new Setting(kv.Key, IsSecret(kv.Key) ? Mask : kv.Value!)),
        ];
    }

    public static bool IsSecret(string key) =>
        SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase));
}
