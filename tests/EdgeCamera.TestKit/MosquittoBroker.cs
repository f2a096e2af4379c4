namespace EdgeCamera.TestKit;

/// <summary>
/// A real Mosquitto broker (Debian package) on 127.0.0.1 and a free port, with persistence in a temporary folder,
/// for tests that must go through the same broker the product uses. Stop and start it again to simulate an outage.
/// Payloads are limited to <c>WireJson.MaxEvidenceBytes</c> (<c>message_size_limit</c>, as scripts/demo.sh configures
/// it). With <see cref="TlsListener"/> it also listens with TLS on <see cref="TlsPort"/> and requires a client
/// certificate from the given CA; the certificate's CN becomes the MQTT username.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _dir;
    private readonly TlsListener? _tls;
    private ChildProcess? _process;

    private MosquittoBroker(int port, string dir, TlsListener? tls)
    {
        Port = port;
        _dir = dir;
        _tls = tls;
        TlsPort = tls is null ? 0 : FreePort.Next();
    }

    /// <summary>The plain TCP listener's port.</summary>
    public int Port { get; }

    /// <summary>The TLS listener's port; 0 without <see cref="TlsListener"/>.</summary>
    public int TlsPort { get; }

    /// <summary>Recent broker log lines (errors, warnings, notices), for failure messages.</summary>
    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    public static async Task<MosquittoBroker> StartAsync(TlsListener? tls = null)
    {
        var dir = Directory.CreateTempSubdirectory("edgecam-mosquitto-").FullName;
        var broker = new MosquittoBroker(FreePort.Next(), dir, tls);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>(Re)starts the broker on the same port with the same persisted state.</summary>
    public async Task StartAgainAsync()
    {
        var conf = Path.Combine(_dir, "mosquitto.conf");
        // Started as root, Mosquitto drops to user "mosquitto" unless told otherwise: keep root so it can write here.
        await File.WriteAllTextAsync(conf, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            user root
            persistence true
            persistence_location {_dir}/
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            max_queued_messages 10000
            message_size_limit {EdgeCamera.Contracts.WireJson.MaxEvidenceBytes}
            {TlsSection()}
            """);
        _process = ChildProcess.Start("/usr/sbin/mosquitto", ["-c", conf]);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(10));
        if (_tls is not null)
        {
            await FreePort.WaitUntilListeningAsync(TlsPort, TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Mosquitto's TLS listener: its CA (trusted for client certificates) and its own certificate and key (PEM).</summary>
    public sealed record TlsListener(string CaFile, string CertFile, string KeyFile);

    private string TlsSection() => _tls is null ? string.Empty : $"""
        listener {TlsPort} 127.0.0.1
        cafile {_tls.CaFile}
        certfile {_tls.CertFile}
        keyfile {_tls.KeyFile}
        require_certificate true
        use_identity_as_username true
        tls_version tlsv1.2
        """;

    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return ValueTask.CompletedTask;
    }
}
