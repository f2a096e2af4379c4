namespace EdgeCamera.TestKit;

/// <summary>
/// A real Mosquitto broker (Debian package) on 127.0.0.1 and a free port, with persistence in a temporary folder,
/// for tests that must go through the same broker the product uses. Stop and start it again to simulate an outage.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _dir;
    private ChildProcess? _process;

    private MosquittoBroker(int port, string dir)
    {
        Port = port;
        _dir = dir;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("edgecam-mosquitto-").FullName;
        var broker = new MosquittoBroker(FreePort.Next(), dir);
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
            """);
        _process = ChildProcess.Start("/usr/sbin/mosquitto", ["-c", conf]);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(10));
    }

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
