using System.Net;
using System.Text.Json;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.Violations;
using EdgeCamera.TestKit;
using EdgeCamera.Violations.Calibration;
using EdgeCamera.Violations.Site;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>The page's state JSON for the roadside devices: the simulated ones playing the clip's road, and none fitted.</summary>
[Collection(EdgeUnderTest.Name)]
public sealed class RoadsideHardwareStateTests(BrowserFixture fixture)
{
    /// <summary>CI-sized deadline: the scenario's first vehicles cross the loops about 4 s into the clip (not a timing assertion).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>The loops' and the radar's arithmetic rounds; a measurement this close to a scenario speed is that vehicle's.</summary>
    private const double SpeedToleranceKmh = 3;

    [Fact]
    public async Task The_state_reports_the_simulated_loops_signal_radar_tamper_flash_and_calibration_expiry()
    {
        using var http = await SignedInClientAsync(fixture.Edge);
        var scenario = fixture.Edge.Service<IOptions<ScenarioOptions>>().Value;
        double[] scenarioSpeeds = [scenario.DefaultSpeedKmh, .. scenario.SpeedKmhByVehicle.Values];

        JsonElement hardware = default;
        var measured = await Eventually.HoldsAsync(
            () =>
            {
                hardware = StateAsync(http, fixture.Edge).GetAwaiter().GetResult().GetProperty("hardware");
                return hardware.GetProperty("loops").GetProperty("lanes").EnumerateArray().Any(l => l.GetProperty("last").ValueKind == JsonValueKind.Object)
                    && hardware.GetProperty("radar").GetProperty("last").ValueKind == JsonValueKind.Object
                    && hardware.GetProperty("signal").EnumerateArray().Any(a => a.GetProperty("phase").GetString() != "unknown");
            },
            Deadline);

        Assert.True(measured, "a loop speed, a radar reading and a signal phase appear: " + hardware);
        Assert.Equal("Simulated", hardware.GetProperty("mode").GetString());
        var lanes = hardware.GetProperty("loops").GetProperty("lanes").EnumerateArray().ToList();
        Assert.Equal([1, 2], lanes.Select(l => l.GetProperty("lane").GetInt32()));
        var loopSpeed = lanes.First(l => l.GetProperty("last").ValueKind == JsonValueKind.Object).GetProperty("last");
        Assert.Contains(scenarioSpeeds, s => Math.Abs(s - loopSpeed.GetProperty("speedKmh").GetDouble()) <= SpeedToleranceKmh);
        Assert.NotEqual("Unknown", loopSpeed.GetProperty("lengthClass").GetString());
        var radar = hardware.GetProperty("radar").GetProperty("last");
        Assert.Contains(scenarioSpeeds, s => Math.Abs(s - radar.GetProperty("speedKmh").GetDouble()) <= SpeedToleranceKmh);
        Assert.Contains(radar.GetProperty("direction").GetString(), new[] { "Approaching", "Receding" });
        Assert.Equal("RADAR-1", radar.GetProperty("deviceId").GetString());
        Assert.True(hardware.GetProperty("radar").GetProperty("readings").GetInt64() >= 1);
        var north = hardware.GetProperty("signal").EnumerateArray().Single(a => a.GetProperty("approach").GetString() == "north");
        Assert.Contains(north.GetProperty("phase").GetString(), new[] { "Green", "Amber", "Red" });
        Assert.True(north.GetProperty("sinceS").GetDouble() >= 0);
        Assert.Equal("Closed", hardware.GetProperty("tamper").GetProperty("door").GetString());
        Assert.Equal("simulated", hardware.GetProperty("irFlash").GetProperty("kind").GetString());

        var state = await StateAsync(http, fixture.Edge);
        var calibration = state.GetProperty("calibration").EnumerateArray().ToDictionary(c => c.GetProperty("deviceId").GetString()!);
        Assert.Equal(["LOOP-L1", "LOOP-L2", "RADAR-1"], calibration.Keys.Order(StringComparer.Ordinal));
        var record = fixture.Edge.Service<IOptions<CalibrationOptions>>().Value.Devices.Single(d => d.DeviceId == "RADAR-1");
        var today = fixture.Edge.Service<SiteClock>().LocalDate(DateTimeOffset.UtcNow);
        var radarCertificate = calibration["RADAR-1"];
        Assert.Equal(record.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), radarCertificate.GetProperty("expiresOn").GetString());
        Assert.Equal(record.Authority, radarCertificate.GetProperty("authority").GetString());
        Assert.Equal("valid", radarCertificate.GetProperty("status").GetString());
        Assert.Equal(record.ExpiresOn.DayNumber - today.DayNumber, radarCertificate.GetProperty("daysLeft").GetInt32());
    }

    [Fact]
    public async Task Without_roadside_hardware_every_device_reads_not_fitted_and_the_flash_test_fails_in_the_audit_log()
    {
        await using var edge = await EdgeHost.StartAsync("rtsp://127.0.0.1:9/none", FreePort.Next(), ["--Hardware:Mode=None"]);
        using var http = await SignedInClientAsync(edge);

        var state = await StateAsync(http, edge);
        using var post = new HttpRequestMessage(HttpMethod.Post, edge.BaseUrl + "/diag/api/ir-flash");
        post.Headers.Add("X-EdgeCam-Request", "1");
        var fire = await http.SendAsync(post);

        var hardware = state.GetProperty("hardware");
        foreach (var item in new[] { "loops", "signal", "radar", "tamper", "irFlash" })
        {
            Assert.Equal("not-fitted", hardware.GetProperty(item).GetString());
        }

        Assert.Equal("not-fitted", state.GetProperty("calibration").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fire.StatusCode);
        Assert.Contains(edge.Service<AuditLog>().Snapshot(), e => e.Action == "test IR flash" && e.Outcome == "failed: not fitted");
    }

    private static async Task<HttpClient> SignedInClientAsync(EdgeHost edge)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        using var signIn = new HttpRequestMessage(HttpMethod.Post, edge.BaseUrl + "/diag/api/signin")
        {
            Content = JsonContent(new { password = EdgeHost.Password }),
        };
        signIn.Headers.Add("X-EdgeCam-Request", "1");
        var response = await http.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return http;
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> StateAsync(HttpClient http, EdgeHost edge)
    {
        var text = await http.GetStringAsync(edge.BaseUrl + "/diag/api/state");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
