using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Hardware.Tamper;
using EdgeCamera.Hosting;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Fines;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Violations.Retention;
using EdgeCamera.Violations.Rules;
using EdgeCamera.Violations.Site;
using EdgeCamera.Violations.WatchList;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Violations;

/// <summary>
/// Wires issue 5 into the edge host: the site's configuration (strictly bound), the roadside devices, the sensor
/// matcher and its pump, the rules and the <see cref="ViolationStage"/> that the pipeline calls for each read.
/// </summary>
public static class ViolationsRegistration
{
    /// <summary>The config sections this part reads (for the host's known-sections list).</summary>
    public static readonly string[] Sections =
    [
        SiteOptions.Section, EnforcementOptions.Section, FinesOptions.Section, CalibrationOptions.Section,
        ReadRetentionOptions.Section, HardwareOptions.Section, ScenarioOptions.Section,
        LoopsOptions.Section, SignalsOptions.Section, RadarOptions.Section, FlashOptions.Section, TamperOptions.Section,
        ViolationStageOptions.Section, StatusLedOptions.Section,
    ];

    public static IServiceCollection AddViolations(this IServiceCollection services, IConfiguration config)
    {
        // Site configuration: validated at start, unknown keys rejected.
        services.AddStrictOptions<SiteOptions>(config, SiteOptions.Section);
        services.AddStrictOptions<EnforcementOptions>(config, EnforcementOptions.Section);
        services.AddStrictOptions<FinesOptions>(config, FinesOptions.Section);
        services.AddStrictOptions<CalibrationOptions>(config, CalibrationOptions.Section);
        services.AddStrictOptions<ReadRetentionOptions>(config, ReadRetentionOptions.Section);
        services.AddStrictOptions<HardwareOptions>(config, HardwareOptions.Section);
        services.AddStrictOptions<ScenarioOptions>(config, ScenarioOptions.Section);
        services.AddStrictOptions<LoopsOptions>(config, LoopsOptions.Section);
        services.AddStrictOptions<SignalsOptions>(config, SignalsOptions.Section);
        services.AddStrictOptions<RadarOptions>(config, RadarOptions.Section);
        services.AddStrictOptions<FlashOptions>(config, FlashOptions.Section);
        services.AddStrictOptions<TamperOptions>(config, TamperOptions.Section);
        services.AddStrictOptions<StatusLedOptions>(config, StatusLedOptions.Section);

        // Roadside devices and the matcher that pairs their readings with vehicles.
        services.AddSingleton(CreateDevices);
        services.AddSingleton(sp => new SensorMatcher(Value<HardwareOptions>(sp).SensorMatchWindow, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<RoadsideSensorWorker>();

        // The status LED shows the unit's state (ok / degraded / tamper).
        services.AddSingleton(sp =>
        {
            var devices = sp.GetRequiredService<RoadsideDevices>();
            return new Status.StatusIndicator(devices.StatusLed, devices.Tamper);
        });
        services.AddHostedService<Status.StatusLedWorker>();

        // Rules, each on its own; the engine attaches the fines table.
        services.AddSingleton(sp => new SiteClock(Value<SiteOptions>(sp)));
        services.AddSingleton(sp => new LaneLocator(Value<SiteOptions>(sp)));
        services.AddSingleton(sp => new CalibrationRegister(Value<CalibrationOptions>(sp), sp.GetRequiredService<SiteClock>()));
        services.AddSingleton<RuleStats>();
        services.AddSingleton<PlateWatchList>();
        services.AddSingleton<IViolationRule>(sp => new SpeedingRule(
            sp.GetRequiredService<LaneLocator>(), sp.GetRequiredService<CalibrationRegister>(), Value<EnforcementOptions>(sp),
            sp.GetRequiredService<RuleStats>(), sp.GetRequiredService<ILogger<SpeedingRule>>()));
        services.AddSingleton<IViolationRule>(sp => new RedLightRule(
            sp.GetRequiredService<LaneLocator>(), Value<EnforcementOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IViolationRule>(sp => new RestrictedLaneRule(sp.GetRequiredService<LaneLocator>(), sp.GetRequiredService<SiteClock>()));
        services.AddSingleton<IViolationRule>(sp => new WrongWayRule(sp.GetRequiredService<LaneLocator>(), Value<EnforcementOptions>(sp)));
        services.AddSingleton<IViolationRule>(sp => new WatchListRule(
            sp.GetRequiredService<PlateWatchList>(), Value<EnforcementOptions>(sp), sp.GetRequiredService<RuleStats>()));
        services.AddSingleton(sp => new ViolationEngine(
            sp.GetServices<IViolationRule>(), Value<FinesOptions>(sp), sp.GetRequiredService<RuleStats>()));
        services.AddSingleton(sp => new ReadRetentionPolicy(Value<ReadRetentionOptions>(sp)));
        services.AddStrictOptions<ViolationStageOptions>(config, ViolationStageOptions.Section);
        services.AddSingleton(sp =>
        {
            var o = Value<ViolationStageOptions>(sp);
            return new EvidenceFrameRing(o.FrameRingCapacity, o.FrameRingDownscale, o.FrameRingJpegQuality);
        });
        services.AddSingleton(sp =>
        {
            var o = Value<ViolationStageOptions>(sp);
            return new WithheldStore(o.WithheldDatabasePath, o.WithheldMaxRecords);
        });
        services.AddSingleton<ViolationStage>();
        return services;
    }

    private static RoadsideDevices CreateDevices(IServiceProvider sp)
    {
        var hardware = Value<HardwareOptions>(sp);
        var time = sp.GetRequiredService<TimeProvider>();
        switch (hardware.Mode)
        {
            case HardwareMode.Simulated:
                return RoadsideDevices.TryCreateSimulated(
                        hardware, Value<LoopsOptions>(sp), Value<SignalsOptions>(sp), Value<RadarOptions>(sp), Value<FlashOptions>(sp), Value<TamperOptions>(sp),
                        Value<ScenarioOptions>(sp).ToPlan(), time, out var simulated)
                    ? simulated
                    : throw new InvalidOperationException($"Hardware:GroundTruthPath '{hardware.GroundTruthPath}' is not the simulated camera's ground truth.");
            case HardwareMode.Gpio:
                return RoadsideDevices.CreateGpio(Value<LoopsOptions>(sp), Value<SignalsOptions>(sp), Value<RadarOptions>(sp), Value<FlashOptions>(sp), Value<TamperOptions>(sp),
                    Value<StatusLedOptions>(sp), time, sp.GetRequiredService<ILoggerFactory>());
            default:
                return RoadsideDevices.None();
        }
    }

    private static T Value<T>(IServiceProvider sp)
        where T : class => sp.GetRequiredService<IOptions<T>>().Value;
}
