using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using EdgeCamera.Contracts.WatchList;
using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Edge.WatchList;
using EdgeCamera.TestKit;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>/metrics, /healthz, /readyz and HTTPS with the unit's own certificate, on the running worker.</summary>
[Collection(EdgeUnderTest.Name)]
public sealed class MachineEndpointTests(BrowserFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_expose_frames_reads_vehicles_outbox_and_acknowledgement_latency_in_Prometheus_text()
    {
        using var http = new HttpClient();
        var camera = fixture.Edge.Service<EdgeCamera.Hardware.Camera.FfmpegCamera>();
        Assert.True(await Eventually.HoldsAsync(() => camera.Stats.FramesRead > 0, Deadline), "the camera delivers frames");

        var text = await http.GetStringAsync(fixture.Edge.BaseUrl + "/metrics");

        foreach (var name in new[]
        {
            "edgecam_camera_frames_read_total", "edgecam_camera_frames_dropped_total", "edgecam_pipeline_detections_total",
            "edgecam_pipeline_reads_total", "edgecam_pipeline_settled_skips_total", "edgecam_vehicles_total", "edgecam_outbox_depth", "edgecam_uplink_acknowledged_total",
            "edgecam_ack_latency_seconds_sum", "edgecam_ack_latency_seconds_count",
            "edgecam_outbox_oldest_age_seconds", "edgecam_outbox_bytes", "edgecam_outbox_max_bytes", "edgecam_outbox_evictions_total",
            "edgecam_outbox_write_failures_total", "edgecam_outbox_over_budget",
        })
        {
            Assert.Contains("\n" + name + " ", "\n" + text, StringComparison.Ordinal);
        }

        var framesRead = text.Split('\n').Single(l => l.StartsWith("edgecam_camera_frames_read_total ", StringComparison.Ordinal));
        Assert.True(double.Parse(framesRead.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) > 0, framesRead);
    }

    [Fact]
    public async Task A_refused_watch_list_is_counted_on_metrics_by_its_reason()
    {
        using var http = new HttpClient();
        var receiver = fixture.Edge.Service<WatchListReceiver>();
        var list = WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], DateTimeOffset.UtcNow);

        Assert.False(receiver.Apply(new ReadOnlySequence<byte>(WatchListWire.Serialize(list)))); // this unit has no cloud key configured

        var text = await http.GetStringAsync(fixture.Edge.BaseUrl + "/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith("edgecam_watchlist_rejected_total{reason=\"no-key\"} ", StringComparison.Ordinal));
        Assert.True(double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 1, line);
    }

    [Fact]
    public async Task Readyz_says_ready_when_frames_arrive_and_the_broker_is_connected_and_healthz_says_the_process_is_up()
    {
        using var http = new HttpClient();
        var ready = await Eventually.HoldsAsync(
            () => http.GetAsync(fixture.Edge.BaseUrl + "/readyz").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK, Deadline);

        Assert.True(ready, "readyz turns 200 once frames flow and the broker is connected");
        Assert.Contains("\"broker\":\"connected\"", await http.GetStringAsync(fixture.Edge.BaseUrl + "/readyz"), StringComparison.Ordinal);
        Assert.Contains("\"outbox\":\"within budget\"", await http.GetStringAsync(fixture.Edge.BaseUrl + "/readyz"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(fixture.Edge.BaseUrl + "/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_page_is_served_over_HTTPS_with_the_units_own_P256_certificate()
    {
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert is null ? null : new X509Certificate2(cert);
                return cert is not null;
            },
        };
        using var http = new HttpClient(handler);

        var response = await http.GetAsync(fixture.Edge.HttpsUrl + "/diag/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(presented);
        using var stored = X509CertificateLoader.LoadPkcs12FromFile(fixture.Edge.CertificatePath, password: null);
        Assert.Equal(stored.Thumbprint, presented.Thumbprint);
        using var key = presented.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        Assert.True(File.Exists(Path.ChangeExtension(fixture.Edge.CertificatePath, ".pem")), "a PEM copy for the technician's laptop");
    }

    [Fact]
    public async Task The_page_data_needs_a_signed_in_session()
    {
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(fixture.Edge.BaseUrl + "/diag/api/state")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(fixture.Edge.BaseUrl + "/diag/live.jpg")).StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, fixture.Edge.BaseUrl + "/diag/api/ir-flash");
        post.Headers.Add("X-EdgeCam-Request", "1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(post)).StatusCode);
    }
}
