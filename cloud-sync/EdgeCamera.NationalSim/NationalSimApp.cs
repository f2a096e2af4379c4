using EdgeCamera.Contracts;
using EdgeCamera.Hosting;
using EdgeCamera.NationalSim.Faults;
using EdgeCamera.NationalSim.Intake;
using EdgeCamera.NationalSim.Pages;

namespace EdgeCamera.NationalSim;

/// <summary>Composition root of the national system stand-in.</summary>
public static class NationalSimApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddSettingsFile("national-sim.settings.json");
        ConfigurationGuard.RejectUnknownSections(builder.Configuration, [NationalSimOptions.Section]);
        builder.UseEdgeCameraLogging("national-sim");

        builder.Services.AddStrictOptions<NationalSimOptions>(builder.Configuration, NationalSimOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<NoticeRegistry>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddOpenApi(IntakeContract.Configure);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJsonContext.Default));

        var app = builder.Build();
        app.MapOpenApi(); // the intake contract at /openapi/v1.json (committed copy: cloud-sync/docs/national-intake.openapi.json)
        app.MapIntake();
        app.MapNoticesPage();
        return app;
    }
}
