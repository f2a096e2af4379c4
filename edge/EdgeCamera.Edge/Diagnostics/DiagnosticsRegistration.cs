using EdgeCamera.Edge.Site;
using EdgeCamera.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Prometheus;
using Serilog.Core;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// The technician's diagnostics page (/diag/), Prometheus /metrics and /readyz, wired into the edge host in two calls:
/// <see cref="AddDiagnostics"/> on the services, <see cref="MapDiagnostics"/> on the built app. HTTPS: any https://
/// address in the Urls setting is served with the unit's own certificate (<see cref="UnitCertificate"/>).
/// </summary>
public static class DiagnosticsRegistration
{
    public static IServiceCollection AddDiagnostics(this IServiceCollection services, IConfiguration config)
    {
        services.AddStrictOptions<DiagnosticsOptions>(config, DiagnosticsOptions.Section);
        services.AddSingleton(sp => new PasswordFile(sp.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.PasswordHashPath));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<RecentLogLines>();
        services.AddSingleton<ILogEventSink>(sp => sp.GetRequiredService<RecentLogLines>());
        services.AddSingleton<LiveView>();
        services.AddSingleton<RoadsideHardwareView>();
        services.AddSingleton<DiagnosticsState>();
        services.AddSingleton<EdgeMetrics>();

        services.AddAuthentication(SignInEndpoints.Scheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(SignInEndpoints.Scheme)
            .Configure<IOptions<DiagnosticsOptions>, TimeProvider>((cookie, diagnostics, time) =>
            {
                cookie.Cookie.Name = "edgecam-diag";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // The plain-HTTP listener is 127.0.0.1 only.
                cookie.ExpireTimeSpan = diagnostics.Value.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.TimeProvider = time;
                cookie.Events.OnRedirectToLogin = ctx => Status(ctx.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = ctx => Status(ctx.Response, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization();

        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<DiagnosticsOptions>, IOptions<DeviceOptions>, TimeProvider>((kestrel, diagnostics, device, time) =>
                kestrel.ConfigureHttpsDefaults(https =>
                    https.ServerCertificate = UnitCertificate.LoadOrCreate(diagnostics.Value.CertificatePath, device.Value.DeviceId, time)));
        return services;
    }

    public static WebApplication MapDiagnostics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/", () => Results.Redirect("/diag/"));
        var diag = app.MapGroup("/diag");
        diag.MapGet("/", (HttpContext http) => EmbeddedAssets.Serve(http, "index.html"));
        diag.MapGet("/{file:regex(^[a-z0-9-]+\\.(js|css|svg)$)}", (HttpContext http, string file) => EmbeddedAssets.Serve(http, file));
        diag.MapSignIn();
        diag.MapPageData();

        app.MapReadiness();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<EdgeMetrics>().Registry);
        return app;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
