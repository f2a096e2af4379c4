using System.Text.Json.Nodes;
using EdgeCamera.Hardware.Loops;
using EdgeCamera.Hardware.Outputs;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;
using EdgeCamera.Hardware.Tamper;
using EdgeCamera.Hosting;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Enforcement;
using EdgeCamera.Violations.Fines;
using EdgeCamera.Violations.Retention;
using EdgeCamera.Violations.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Violations.Tests;

/// <summary>site.example.json bound the way the host binds every section: strictly, validated at start.</summary>
public sealed class SiteConfigurationTests
{
    private static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "site.example.json");

    [Fact]
    public void The_example_site_file_binds_strictly_and_passes_validation_in_every_section()
    {
        using var services = Bind(File.ReadAllText(ExamplePath));

        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        Assert.Equal("RUH-KFR-012", site.SiteId);
        Assert.Equal([1, 2], site.Lanes.Select(l => l.Id));
        Assert.Equal(VehicleLengthClass.Long, site.Lanes[0].SpeedLimits[1].VehicleClass);
        Assert.Null(site.Lanes[0].SpeedLimits[0].VehicleClass);
        Assert.Equal(new TimeOnly(6, 30), site.Lanes[1].Restricted!.Windows[0].Start);
        Assert.Equal(new DateOnly(2027, 2, 28), services.GetRequiredService<IOptions<CalibrationOptions>>().Value.Devices[0].ExpiresOn);
        Assert.Equal("قطع الإشارة الحمراء", services.GetRequiredService<IOptions<FinesOptions>>().Value.Items["RLT"].DescriptionAr);
        Assert.Equal(TimeSpan.FromMilliseconds(500), services.GetRequiredService<IOptions<EnforcementOptions>>().Value.AmberGrace);
        Assert.False(services.GetRequiredService<IOptions<ReadRetentionOptions>>().Value.KeepPlainReads);
        Assert.Equal(2, services.GetRequiredService<IOptions<LoopsOptions>>().Value.Pairs.Count);
        Assert.Equal("north", services.GetRequiredService<IOptions<SignalsOptions>>().Value.Approaches[0].Name);
        Assert.Equal("RADAR-1", services.GetRequiredService<IOptions<RadarOptions>>().Value.DeviceId);
        Assert.Equal(TimeSpan.FromMilliseconds(2), services.GetRequiredService<IOptions<FlashOptions>>().Value.PulseWidth);
        Assert.Equal(24, services.GetRequiredService<IOptions<StatusLedOptions>>().Value.Pin);
        Assert.Equal(25, services.GetRequiredService<IOptions<TamperOptions>>().Value.Pin);
    }

    [Fact]
    public void An_unknown_key_inside_a_lane_stops_start_up()
    {
        var json = Example();
        json["Site"]!["Lanes"]![0]!["Colour"] = "red";
        using var services = Bind(json.ToJsonString());

        var ex = Assert.ThrowsAny<InvalidOperationException>(() => services.GetRequiredService<IOptions<SiteOptions>>().Value);
        Assert.Contains("ErrorOnUnknownConfiguration", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Colour", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Site.Lanes.0.Polygon", "[ { \"X\": 1, \"Y\": 1 }, { \"X\": 2, \"Y\": 2 } ]", "at least 3 points")]
    [InlineData("Site.Lanes.0.SignalApproach", "null", "go together")]
    [InlineData("Site.Lanes.0.SpeedLimits.0.LimitKmh", "0", "LimitKmh")]
    [InlineData("Site.Lanes.1.Polygon.2.X", "2500", "outside the 1920x1080 image")]
    [InlineData("Site.TimeZoneId", "\"Mars/Olympus\"", "not a known time zone")]
    [InlineData("Site.SiteId", "\"bad id/with slash\"", "SiteId")]
    [InlineData("Site.Location.Road", "\"\"", "Road")]
    public void Invalid_site_values_stop_start_up_with_a_message_naming_them(string path, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve<SiteOptions>(path, value));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fine_without_an_arabic_description_stops_start_up()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve<FinesOptions>("Fines.Items.SPD.DescriptionAr", "\"Speeding\""));
        Assert.Contains("no Arabic letters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_expires_before_it_was_issued_stops_start_up()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve<CalibrationOptions>("Calibration.Devices.0.ExpiresOn", "\"2025-01-01\""));
        Assert.Contains("ExpiresOn is before CalibratedOn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_amber_grace_stops_start_up()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve<EnforcementOptions>("Enforcement.AmberGrace", "\"-00:00:01\""));
        Assert.Contains("AmberGrace", ex.Message, StringComparison.Ordinal);
    }

    private static T Resolve<T>(string path, string value)
        where T : class
    {
        var json = Example();
        JsonNode node = json;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        }

        var parsed = JsonNode.Parse(value);
        if (int.TryParse(parts[^1], out var index))
        {
            node[index] = parsed;
        }
        else
        {
            node[parts[^1]] = parsed;
        }

        using var services = Bind(json.ToJsonString());
        return services.GetRequiredService<IOptions<T>>().Value;
    }

    private static JsonObject Example() => JsonNode.Parse(File.ReadAllText(ExamplePath))!.AsObject();

    private static ServiceProvider Bind(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var config = new ConfigurationBuilder().AddJsonStream(stream).Build();
        var services = new ServiceCollection();
        services.AddStrictOptions<SiteOptions>(config, SiteOptions.Section);
        services.AddStrictOptions<EnforcementOptions>(config, EnforcementOptions.Section);
        services.AddStrictOptions<FinesOptions>(config, FinesOptions.Section);
        services.AddStrictOptions<CalibrationOptions>(config, CalibrationOptions.Section);
        services.AddStrictOptions<ReadRetentionOptions>(config, ReadRetentionOptions.Section);
        services.AddStrictOptions<LoopsOptions>(config, LoopsOptions.Section);
        services.AddStrictOptions<SignalsOptions>(config, SignalsOptions.Section);
        services.AddStrictOptions<RadarOptions>(config, RadarOptions.Section);
        services.AddStrictOptions<FlashOptions>(config, FlashOptions.Section);
        services.AddStrictOptions<StatusLedOptions>(config, StatusLedOptions.Section);
        services.AddStrictOptions<TamperOptions>(config, TamperOptions.Section);
        return services.BuildServiceProvider();
    }
}
