using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Capture;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.Uplink;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Hosting;
using EdgeCamera.Transport;
using EdgeCamera.Vision;
using EdgeCamera.Vision.Onnx;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge;

/// <summary>
/// Composition root of the roadside unit. Reads top to bottom like the data path:
/// camera → plate pipeline (detect, read, track) → evidence → outbox → uplink (MQTT) ← acknowledgements.
/// </summary>
public static class EdgeApp
{
    private static readonly string[] Sections =
    [
        DeviceOptions.Section, CameraOptions.Section, PlateEngineOptions.Section, OnnxRuntimeOptions.Section,
        DetectorSection, TrackerSection, PipelineOptions.Section,
        EvidenceOptions.Section, SigningOptions.Section, OutboxOptions.Section, MqttSessionOptions.Section,
        DiagnosticsOptions.Section, WatchListOptions.Section, .. ViolationsRegistration.Sections,
    ];

    private const string DetectorSection = "Detector";
    private const string TrackerSection = "Tracker";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddSettingsFile("edge.settings.json");
        ConfigurationGuard.RejectUnknownSections(builder.Configuration, Sections);
        builder.UseEdgeCameraLogging("edge");
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);

        // Site: who and where this unit is.
        services.AddStrictOptions<DeviceOptions>(config, DeviceOptions.Section);

        // Capture: the RTSP camera through an FFmpeg decoder, restarted when it drops.
        services.AddStrictOptions<CameraOptions>(config, CameraOptions.Section);
        services.AddSingleton(sp => new FfmpegCamera(Value<CameraOptions>(sp), sp.GetRequiredService<ILogger<FfmpegCamera>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<CaptureWorker>();

        // Vision: find plates, read them, follow each vehicle and vote on its plate.
        services.AddStrictOptions<ClassicDetectorOptions>(config, DetectorSection);
        services.AddStrictOptions<TrackerOptions>(config, TrackerSection);
        services.AddStrictOptions<PlateEngineOptions>(config, PlateEngineOptions.Section);
        services.AddStrictOptions<OnnxRuntimeOptions>(config, OnnxRuntimeOptions.Section);
        services.AddSingleton(sp => PlateEngine.Create(
            Value<PlateEngineOptions>(sp).Engine, Value<OnnxRuntimeOptions>(sp), Value<ClassicDetectorOptions>(sp)));
        services.AddSingleton(sp => sp.GetRequiredService<PlateEngine>().Detector);
        services.AddSingleton(sp => sp.GetRequiredService<PlateEngine>().Reader);
        services.AddSingleton(sp => new PlateTracker(Value<TrackerOptions>(sp)));
        services.AddStrictOptions<PipelineOptions>(config, PipelineOptions.Section);
        services.AddSingleton<PipelineStats>();
        services.AddSingleton<RecentVehicles>();
        services.AddHostedService<PlatePipelineWorker>();
        services.AddViolations(config); // issue 5: site, roadside hardware, rules → the pipeline's ViolationStage

        // Evidence and the durable outbox: stored before it is ever sent.
        services.AddStrictOptions<EvidenceOptions>(config, EvidenceOptions.Section);
        services.AddStrictOptions<OutboxOptions>(config, OutboxOptions.Section);
        services.AddStrictOptions<SigningOptions>(config, SigningOptions.Section);
        services.AddSingleton<IClockSyncSource, KernelClockSync>();
        services.AddSingleton(sp => ReadingModels.From(sp.GetRequiredService<PlateEngine>()));
        services.AddSingleton<EvidenceBuilder>();
        services.AddSingleton(sp => DeviceKey.TryLoad(Value<SigningOptions>(sp).PrivateKeyPath, out var key, out var error)
            ? key
            : throw new InvalidOperationException($"Cannot sign evidence: {error}. Create the key with 'edgecam provision'."));
        services.AddSingleton(sp => new LiteDbOutbox(
            Value<OutboxOptions>(sp).DatabasePath,
            sp.GetRequiredService<DeviceKey>(),
            new OutboxLimits(Value<OutboxOptions>(sp).MaxBytes, Value<EvidenceOptions>(sp).ReadTypeCode),
            sp.GetRequiredService<ILogger<LiteDbOutbox>>()));

        // Uplink: MQTT to the cloud, acknowledgements back on this device's topic.
        services.AddStrictOptions<MqttSessionOptions>(config, MqttSessionOptions.Section);
        services.AddSingleton<WakeSignal>();
        services.AddSingleton(sp => new MqttSession(
            Value<MqttSessionOptions>(sp),
            [Topics.Ack(Value<DeviceOptions>(sp).DeviceId), Topics.Resend(Value<DeviceOptions>(sp).DeviceId), Topics.WatchList],
            sp.GetRequiredService<ILogger<MqttSession>>(),
            sp.GetRequiredService<TimeProvider>())
        {
            // Presence for the cloud's fleet view and central subscribers: retained "online" on connect, Last Will "offline".
            Birth = PresenceMessage(Value<DeviceOptions>(sp).DeviceId, DeviceStatus.Online, sp.GetRequiredService<TimeProvider>()),
            Will = PresenceMessage(Value<DeviceOptions>(sp).DeviceId, DeviceStatus.Offline, sp.GetRequiredService<TimeProvider>()),
        });
        services.AddStrictOptions<WatchListOptions>(config, WatchListOptions.Section);
        services.AddSingleton(sp => new WatchListReceiver( // the cloud's retained, signed watch list → the WLH rule's list
            sp.GetRequiredService<global::EdgeCamera.Violations.WatchList.PlateWatchList>(), Value<WatchListOptions>(sp).LoadKey(), sp.GetRequiredService<ILogger<WatchListReceiver>>()));
        services.AddSingleton<UplinkWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<UplinkWorker>());

        // Diagnostics: the technician's page (sign-in, live view, health), /metrics, /readyz; HTTPS with the unit's own certificate.
        services.AddDiagnostics(config);

        var app = builder.Build();
        app.MapStatusEndpoints();
        app.MapViolationStatus(); // /api/violations: rules, watch list, frame ring, withheld, status LED
        app.MapDiagnostics();
        return app;
    }

    private static T Value<T>(IServiceProvider sp)
        where T : class => sp.GetRequiredService<IOptions<T>>().Value;

    private static (string Topic, byte[] Payload) PresenceMessage(string deviceId, string state, TimeProvider time) =>
        (DeviceStatus.Topic(deviceId), new DeviceStatus(deviceId, state, typeof(EdgeApp).Assembly.GetName().Version?.ToString() ?? "0.0.0", time.GetUtcNow()).Serialize());
}
