using Microsoft.Extensions.Configuration;

namespace EdgeCamera.Hosting;

/// <summary>
/// Each program reads its own settings file (edge.settings.json, cloud.settings.json, …) rather than the shared name
/// appsettings.json, so that programs built into one folder (the tests, a single-box install) never read each
/// other's settings. The file has the lowest precedence: environment variables and the command line override it.
/// </summary>
public static class SettingsFile
{
    public static void AddSettingsFile(this IConfigurationManager configuration, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = fileName,
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!),
        });
    }
}
