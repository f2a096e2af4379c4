using System.Buffers;
using System.ComponentModel.DataAnnotations;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Site;
using EdgeCamera.Edge.Uplink;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeCamera.Edge.Tests;

/// <summary>Mosquitto's TLS listener with <c>require_certificate true</c>, certificates from the test's own CA.</summary>
public sealed class BrokerTlsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-tls-").FullName;
    private readonly string _deviceId = "cam-" + Guid.NewGuid().ToString("N")[..8];
    private TestPki _pki = null!;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _pki = new TestPki(Path.Combine(_dir, "pki"));
        var (cert, key) = _pki.IssueServer();
        _broker = await MosquittoBroker.StartAsync(new MosquittoBroker.TlsListener(_pki.CaFile, cert, key));
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_device_with_a_client_certificate_from_the_brokers_CA_delivers_evidence_over_TLS_and_gets_its_acknowledgement()
    {
        using var signer = new TestDevice(_deviceId);
        using var stop = new CancellationTokenSource();
        await using var cloud = new MqttSession(TlsOptions("cloud-" + _deviceId, _pki), [Topics.Evidence(_deviceId)], NullLogger<MqttSession>.Instance, TimeProvider.System);
        var received = 0;
        cloud.MessageReceived = async (_, payload, ct) =>
        {
            var verified = EvidenceVerifier.Verify(payload.ToArray(), signer.Key, _deviceId);
            Assert.True(verified.Ok, verified.Reason);
            Interlocked.Increment(ref received);
            var ack = new EvidenceAck(verified.Manifest!.EventId, _deviceId, AckStatus.Accepted, "NV-TLS", null);
            await cloud.TryPublishAsync(Topics.Ack(_deviceId), WireJson.Serialize(ack), ct);
        };
        var cloudLoop = cloud.RunAsync(stop.Token);
        Assert.True(await Eventually.HoldsAsync(() => cloud.IsConnected), "cloud over TLS: " + _broker.RecentOutput);

        using var outbox = new LiteDbOutbox(Path.Combine(_dir, "outbox.db"), signer.Key);
        using var wake = new WakeSignal();
        await using var device = new MqttSession(TlsOptions(_deviceId, _pki), [Topics.Ack(_deviceId)], NullLogger<MqttSession>.Instance, TimeProvider.System);
        using var uplink = new UplinkWorker(
            device,
            outbox,
            wake,
            Microsoft.Extensions.Options.Options.Create(new OutboxOptions()),
            Microsoft.Extensions.Options.Options.Create(new DeviceOptions { DeviceId = _deviceId }),
            TimeProvider.System,
            NullLogger<UplinkWorker>.Instance);
        await uplink.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            outbox.Add(SampleEvidence.Create(_deviceId), DateTime.UtcNow);
        }

        wake.Notify();
        Assert.True(await Eventually.HoldsAsync(() => outbox.Count() == 0), "outbox drains over TLS: " + _broker.RecentOutput);
        Assert.Equal(3, received);
        Assert.Equal(3, uplink.Acknowledged);

        await uplink.StopAsync(CancellationToken.None);
        await stop.CancelAsync();
        await cloudLoop;
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused_and_the_session_keeps_retrying_without_connecting()
    {
        using var otherPki = new TestPki(Path.Combine(_dir, "other-pki"), "Some Other CA");
        var options = TlsOptions(_deviceId, otherPki);
        options.TlsCaFile = _pki.CaFile; // It trusts the real broker; only its own certificate is foreign.
        using var stop = new CancellationTokenSource();
        await using var device = new MqttSession(options, [Topics.Ack(_deviceId)], NullLogger<MqttSession>.Instance, TimeProvider.System);
        var loop = device.RunAsync(stop.Token);

        Assert.True(await Eventually.HoldsAsync(() => device.ConnectFailures >= 2), "the broker refuses the handshake");
        Assert.False(device.IsConnected);
        Assert.Equal(0, device.Reconnects);

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_by_the_TLS_listener()
    {
        using var authority = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(_pki.CaFile);
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _broker.TlsPort)
            .WithClientId("anonymous-" + _deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(t => t.UseTls().WithTargetHost("127.0.0.1").WithTrustChain([authority]).WithCertificateValidationHandler(_ => true))
            .Build();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(options, CancellationToken.None));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void TLS_settings_are_checked_at_start_missing_and_unreadable_files_are_named()
    {
        var (cert, key) = _pki.IssueClient(_deviceId);
        var garbage = Path.Combine(_dir, "garbage.pem");
        File.WriteAllText(garbage, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        Assert.Empty(Problems(new MqttSessionOptions { TlsCaFile = _pki.CaFile, TlsClientCertificateFile = cert, TlsClientKeyFile = key }));
        Assert.Contains("does not exist", Problems(new MqttSessionOptions { TlsCaFile = Path.Combine(_dir, "nope.crt"), TlsClientCertificateFile = cert, TlsClientKeyFile = key }), StringComparison.Ordinal);
        Assert.Contains("needs all of", Problems(new MqttSessionOptions { TlsCaFile = _pki.CaFile }), StringComparison.Ordinal);
        Assert.Contains("do not parse", Problems(new MqttSessionOptions { TlsCaFile = garbage, TlsClientCertificateFile = cert, TlsClientKeyFile = key }), StringComparison.Ordinal);
        Assert.Contains("do not parse", Problems(new MqttSessionOptions { TlsCaFile = _pki.CaFile, TlsClientCertificateFile = cert, TlsClientKeyFile = garbage }), StringComparison.Ordinal);
    }

    private static string Problems(MqttSessionOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return string.Join("; ", results.Select(r => r.ErrorMessage));
    }

    private MqttSessionOptions TlsOptions(string clientId, TestPki issuer)
    {
        var (cert, key) = issuer.IssueClient(clientId);
        return new MqttSessionOptions
        {
            Port = _broker.TlsPort,
            ClientId = clientId,
            TlsCaFile = issuer.CaFile,
            TlsClientCertificateFile = cert,
            TlsClientKeyFile = key,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };
    }
}
