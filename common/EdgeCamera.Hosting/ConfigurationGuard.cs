using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace EdgeCamera.Hosting;

/// <summary>
/// Rejects top-level sections of the JSON config files that no part of the program reads, so that a typo such as
/// "Outbx" stops start-up with a clear message instead of being silently ignored. Environment variables and the
/// command line are not checked here (the environment holds many unrelated keys); keys inside a known section are
/// checked by <see cref="StrictOptions"/>.
/// </summary>
public static class ConfigurationGuard
{
    /// <summary>Sections the hosting framework itself reads.</summary>
    private static readonly string[] FrameworkSections = ["Serilog", "Logging", "AllowedHosts", "Kestrel", "Urls"];

    public static void RejectUnknownSections(IConfiguration configuration, IEnumerable<string> knownSections)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        var known = new HashSet<string>(knownSections.Concat(FrameworkSections), StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
        {
            foreach (var key in provider.GetChildKeys([], parentPath: null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!known.Contains(key))
                {
                    unknown.Add($"'{key}' in {provider.Source.Path}");
                }
            }
        }

        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown configuration section(s): {string.Join(", ", unknown)}. Known sections: {string.Join(", ", known.Order())}.");
        }
    }
}
