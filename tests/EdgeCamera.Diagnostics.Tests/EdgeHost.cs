using EdgeCamera.Edge;
using EdgeCamera.Edge.Commands;
using EdgeCamera.TestKit;
using Microsoft.AspNetCore.Builder;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>
/// An edge worker in this process on 127.0.0.1 (plain HTTP and HTTPS), its diagnostics password set through the
/// set-password command's own code, its signing key provisioned the way the edge's tests do it.
/// </summary>
public sealed class EdgeHost : IAsyncDisposable
{
    public const string Password = "roadside-technician-42";

    private readonly string _dir;

    private EdgeHost(string dir, WebApplication app, int httpPort, int httpsPort)
    {
        _dir = dir;
        App = app;
        BaseUrl = $"http://127.0.0.1:{httpPort}";
        HttpsUrl = $"https://127.0.0.1:{httpsPort}";
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public string HttpsUrl { get; }

    public string CertificatePath => Path.Combine(_dir, "diag-cert.pfx");

    /// <summary>Starts a worker reading <paramref name="cameraUrl"/> and publishing to a broker on <paramref name="brokerPort"/>;
    /// <paramref name="extraArgs"/> come last (they win).</summary>
    public static async Task<EdgeHost> StartAsync(string cameraUrl, int brokerPort, IEnumerable<string>? extraArgs = null)
    {
        var dir = Directory.CreateTempSubdirectory("edgecam-diag-").FullName;
        var deviceId = "cam-diag-" + Guid.NewGuid().ToString("N")[..6];
        using (var device = new TestDevice(deviceId))
        {
            device.WritePrivateKey(Path.Combine(dir, "device-key.pem"));
        }

        var passwordPath = Path.Combine(dir, "diag-password");
        var output = new StringWriter();
        if (SetPasswordCommand.Run([$"--Diagnostics:PasswordHashPath={passwordPath}"], new StringReader(Password + "\n"), output) != 0)
        {
            throw new InvalidOperationException("set-password failed: " + output);
        }

        var httpPort = FreePort.Next();
        var httpsPort = FreePort.Next();
        var app = EdgeApp.Build(
        [
            $"--Urls=http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}",
            $"--Device:DeviceId={deviceId}",
            $"--Camera:Url={cameraUrl}",
            $"--Broker:Port={brokerPort}",
            $"--Broker:ClientId={deviceId}",
            $"--Outbox:DatabasePath={Path.Combine(dir, "outbox.db")}",
            $"--Signing:PrivateKeyPath={Path.Combine(dir, "device-key.pem")}",
            $"--Diagnostics:PasswordHashPath={passwordPath}",
            $"--Diagnostics:CertificatePath={Path.Combine(dir, "diag-cert.pfx")}",
            "--Serilog:LogDirectory=",
            .. extraArgs ?? [],
        ]);
        await app.StartAsync();
        return new EdgeHost(dir, app, httpPort, httpsPort);
    }

    public T Service<T>()
        where T : notnull => (T)App.Services.GetService(typeof(T))!;

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await App.StopAsync(cts.Token);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
