using EdgeCamera.Cloud.Devices;
using EdgeCamera.Cloud.Forwarding;
using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Hosting;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud;

/// <summary>Composition root of the cloud receiver: intake (MQTT) → storage → forwarding (HTTP) → device ack.</summary>
public static class CloudApp
{
    private static readonly string[] Sections =
        [MqttSessionOptions.Section, ReceiverOptions.Section, StorageOptions.Section, DevicesOptions.Section, NationalSystemOptions.Section];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddSettingsFile("cloud.settings.json");
        ConfigurationGuard.RejectUnknownSections(builder.Configuration, Sections);
        builder.UseEdgeCameraLogging("cloud");
        var services = builder.Services;
        var config = builder.Configuration;

        // Options, one class per section, checked at start.
        services.AddStrictOptions<MqttSessionOptions>(config, MqttSessionOptions.Section);
        services.AddStrictOptions<ReceiverOptions>(config, ReceiverOptions.Section);
        services.AddStrictOptions<StorageOptions>(config, StorageOptions.Section);
        services.AddStrictOptions<NationalSystemOptions>(config, NationalSystemOptions.Section);
        services.AddStrictOptions<DevicesOptions>(config, DevicesOptions.Section);
        services.AddSingleton(TimeProvider.System);

        // Storage.
        services.AddSingleton<IEvidenceStore>(sp => new LiteDbEvidenceStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath));

        // Intake: one MQTT session on the devices' evidence topics, shared between receivers of the group.
        services.AddSingleton(sp => new MqttSession(
            sp.GetRequiredService<IOptions<MqttSessionOptions>>().Value,
            [Topics.SharedEvidence(sp.GetRequiredService<IOptions<ReceiverOptions>>().Value.SharedGroup)],
            sp.GetRequiredService<ILogger<MqttSession>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeviceRegistry, PublicKeyDirectoryRegistry>();
        services.AddSingleton<IntakeMetrics>();
        services.AddSingleton<DeviceAcknowledger>();
        services.AddSingleton<EvidenceIntake>();
        services.AddHostedService<ReceiverWorker>();

        // Forwarding to the national system.
        services.AddSingleton<WakeSignal>();
        services.AddHttpClient<NationalClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<NationalSystemOptions>>().Value;
            http.BaseAddress = new Uri(o.BaseUrl);
            http.Timeout = o.RequestTimeout;
        });
        services.AddHostedService<ForwardingWorker>();

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok("ok"));
        app.MapGet("/api/v1/intake/stats", (IntakeMetrics m, IEvidenceStore store) =>
            Results.Ok(new { stored = store.Count(), accepted = m.Accepted, duplicates = m.Duplicates, sequenceGaps = m.SequenceGaps, rejected = m.RejectedByReason }));

        // The signed package exactly as the device sent it, for the objections office (`edgecam verify` reads it).
        app.MapGet("/api/v1/evidence/{eventId:guid}/package", (Guid eventId, IEvidenceStore store) =>
            store.Find(eventId) is { } e
                ? Results.File(e.Payload, "application/json", $"{e.DeviceId}-{e.Sequence:D10}-{e.Id}{EvidencePackageFiles.Extension}")
                : Results.NotFound());
        return app;
    }
}
