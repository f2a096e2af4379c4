using EdgeCamera.Cloud.Analytics;
using EdgeCamera.Cloud.Api;
using EdgeCamera.Cloud.Central;
using EdgeCamera.Cloud.Devices;
using EdgeCamera.Cloud.Fleet;
using EdgeCamera.Cloud.Forwarding;
using EdgeCamera.Cloud.Intake;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Cloud.WatchList;
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
        [MqttSessionOptions.Section, ReceiverOptions.Section, StorageOptions.Section, DevicesOptions.Section, NationalSystemOptions.Section, ForwardingOptions.Section, WatchListOptions.Section];

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
        services.AddStrictOptions<NationalSystemOptions>(config, NationalSystemOptions.Section);
        services.AddStrictOptions<DevicesOptions>(config, DevicesOptions.Section);
        services.AddSingleton(TimeProvider.System);

        // Storage: LiteDB (one node) or PostgreSQL (several nodes), as "Storage:Provider" says.
        services.AddEvidenceStore(config);

        // Intake: one MQTT session on the devices' evidence topics, shared between receivers of the group.
        services.AddSingleton(sp => new MqttSession(
            sp.GetRequiredService<IOptions<MqttSessionOptions>>().Value,
            [Topics.SharedEvidence(sp.GetRequiredService<IOptions<ReceiverOptions>>().Value.SharedGroup), Topics.SharedEvicted(sp.GetRequiredService<IOptions<ReceiverOptions>>().Value.SharedGroup)],
            sp.GetRequiredService<ILogger<MqttSession>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeviceRegistry, PublicKeyDirectoryRegistry>();
        services.AddSingleton<IntakeMetrics>();
        services.AddSingleton<DeviceAcknowledger>();
        services.AddSingleton<GroupCommitWriter>(); // group commit when Receiver:MaxBatchPackages > 1; else each lane commits its own
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<GapResender>(); // sequence gaps → resend requests; eviction notices declare gaps
        services.AddSingleton<EvictionNoticeIntake>();
        services.AddHostedService<ReceiverWorker>();

        // Watch list: the fleet's list, published retained on the watch-list topic through the same session.
        services.AddStrictOptions<WatchListOptions>(config, WatchListOptions.Section);
        services.AddSingleton<WatchListPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchListPublisher>());

        // Forwarding to the national system: the outbox and the resilient HTTP client.
        services.AddForwarding(config);

        // Central subscribers: normalised events republished per region/device/type; device presence from status topics.
        services.AddCentral();

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok("ok"));
        app.MapGet("/api/v1/intake/stats", (IntakeMetrics m, IEvidenceStore store, GapResender gaps) =>
            Results.Ok(new { stored = store.Count(), accepted = m.Accepted, duplicates = m.Duplicates, sequenceGaps = m.SequenceGaps, resendRequests = gaps.Requests, declaredGaps = gaps.DeclaredGaps, rejected = m.RejectedByReason }));

        // The signed package exactly as the device sent it, for the objections office (`edgecam verify` reads it).
        app.MapGet("/api/v1/evidence/{eventId:guid}/package", (Guid eventId, IEvidenceStore store) =>
            store.Find(eventId) is { } e
                ? Results.File(e.Payload, "application/json", $"{e.DeviceId}-{e.Sequence:D10}-{e.Id}{EvidencePackageFiles.Extension}")
                : Results.NotFound());

        // Objections office, black-spot analytics, fleet registry.
        app.MapObjections();
        app.MapBlackSpots();
        app.MapFleet();
        return app;
    }
}
