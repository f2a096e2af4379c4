using Microsoft.Extensions.Hosting;
using Serilog;

namespace EdgeCamera.Hosting;

/// <summary>Structured logs for every host: console and a daily rolling file, levels from the "Serilog" section.</summary>
public static class SerilogSetup
{
    public static IHostApplicationBuilder UseEdgeCameraLogging(this IHostApplicationBuilder builder, string appName)
    {
        var logDir = builder.Configuration["Serilog:LogDirectory"];
        builder.Services.AddSerilog((services, config) =>
        {
            config.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services) // sinks a host registers (the edge's in-memory log for its diagnostics page)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("App", appName)
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {App} {SourceContext}: {Message:lj}{NewLine}{Exception}");
            if (!string.IsNullOrEmpty(logDir))
            {
                config.WriteTo.File(
                    Path.Combine(logDir, appName + "-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14, // two weeks on the unit's disk
                    fileSizeLimitBytes: 50L * 1024 * 1024,
                    rollOnFileSizeLimit: true);
            }
        });
        return builder;
    }
}
