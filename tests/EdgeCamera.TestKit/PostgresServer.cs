using System.Diagnostics;

namespace EdgeCamera.TestKit;

/// <summary>
/// A real PostgreSQL 15 server (Debian package) for tests and the bench: <c>initdb</c> into a temporary folder, then
/// <c>postgres</c> on 127.0.0.1 and a free port, trust authentication for the superuser <see cref="User"/>. PostgreSQL
/// refuses to run as root, so when we are root the folder is given to the <c>postgres</c> user and the server runs as
/// that user (<c>setpriv</c>). Disposing stops the server (fast shutdown) and deletes the folder.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "edgecam";
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private ChildProcess? _process;
    private int _databases;

    private PostgresServer(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_dir, "data");

    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "postgres"));

    /// <summary>Initialises and starts a server. <paramref name="durable"/> false turns fsync off (tests: faster, and
    /// nothing here survives the run anyway); the bench keeps it on so its figures are those of a real install.</summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}); run scripts/setup.sh");
        }

        var dir = Directory.CreateTempSubdirectory("edgecam-postgres-").FullName;
        var server = new PostgresServer(dir, FreePort.Next());
        try
        {
            await server.InitAsync(durable);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Npgsql connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=32";

    /// <summary>Creates an empty database with a fresh name (one per test keeps tests apart) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)]; // PostgreSQL's identifier limit (NAMEDATALEN − 1)
        await RunToEndAsync(Path.Combine(BinDirectory, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", User, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE \"{name}\""], asPostgres: false);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                await RunToEndAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "10"], asPostgres: true);
            }
            catch (InvalidOperationException)
            {
                // Not stopping cleanly: the kill below ends it.
            }

            _process.Dispose();
            _process = null;
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static (string Program, List<string> Args) AsServerUser(string program, IEnumerable<string> args, bool asPostgres)
    {
        if (!asPostgres || !IsRoot)
        {
            return (program, [.. args]);
        }

        // setpriv execs the program itself (no intermediate process), so the server's pid is the child's pid.
        return ("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--clear-groups", "--", program, .. args]);
    }

    private static async Task RunToEndAsync(string program, IEnumerable<string> args, bool asPostgres)
    {
        var (file, list) = AsServerUser(program, args, asPostgres);
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        list.ForEach(psi.ArgumentList.Add);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', list)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private async Task InitAsync(bool durable)
    {
        if (IsRoot)
        {
            // The server's user must own its folder.
            await RunToEndAsync("/bin/chown", ["postgres:postgres", _dir], asPostgres: false);
        }

        await RunToEndAsync(Path.Combine(BinDirectory, "initdb"), ["-D", DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], asPostgres: true);
        var settings = new List<string>
        {
            "-D", DataDirectory, "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", _dir, // the Unix socket in our folder, not /var/run/postgresql
            "-c", "max_connections=200",
            "-c", "shared_buffers=128MB",
        };
        if (!durable)
        {
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var (file, args) = AsServerUser(Path.Combine(BinDirectory, "postgres"), settings, asPostgres: true);
        _process = ChildProcess.Start(file, args, workingDirectory: "/");
        await _process.WaitForLineAsync("database system is ready to accept connections", TimeSpan.FromSeconds(30));
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(10));
    }
}
