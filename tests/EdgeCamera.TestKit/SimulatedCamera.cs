using System.Security.Cryptography;
using System.Text;
using EdgeCamera.Hardware.Scenario;

namespace EdgeCamera.TestKit;

/// <summary>
/// The simulated roadside camera: renders the plate video once (cached by a hash of the renderer's sources) and serves
/// it over RTSP on 127.0.0.1 with GStreamer (hardware/simcam). Each client gets the clip from its first frame; it loops.
/// </summary>
public sealed class SimulatedCamera : IDisposable
{
    private const string Python = "/usr/bin/python3"; // Debian's, which sees python3-gi and PIL (toolchain.md).
    private ChildProcess? _server;

    private SimulatedCamera(string clipDir, int port)
    {
        ClipDirectory = clipDir;
        Port = port;
        var path = Path.Combine(clipDir, "groundtruth.json");
        GroundTruth = SimcamGroundTruth.TryLoad(path, out var truth) ? truth : throw new InvalidDataException($"{path} is not the simulated camera's ground truth");
    }

    public string ClipDirectory { get; }

    public int Port { get; }

    public string Url => $"rtsp://127.0.0.1:{Port}/cam";

    public SimcamGroundTruth GroundTruth { get; }

    public static async Task<SimulatedCamera> StartAsync(int seed = 1)
    {
        var clipDir = await RenderAsync(seed);
        var camera = new SimulatedCamera(clipDir, FreePort.Next());
        await camera.StartServerAsync();
        return camera;
    }

    /// <summary>Renders the clip for <paramref name="seed"/> unless a render of the same sources is cached.</summary>
    public static async Task<string> RenderAsync(int seed)
    {
        var dir = RepoPaths.Cache("simcam", $"{SourceHash()}-seed{seed}");
        var done = Path.Combine(dir, "groundtruth.json");
        Directory.CreateDirectory(dir);
        // Test assemblies run in parallel: one renders, the others wait on the lock file.
        await using var gate = await AcquireLockAsync(Path.Combine(dir, ".lock"));
        if (!File.Exists(done) || !File.Exists(Path.Combine(dir, "road.mp4")))
        {
            using var render = ChildProcess.Start(Python, [RepoPaths.InRepo("hardware", "simcam", "render_video.py"), "--out", dir, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await render.WaitForExitAsync(TimeSpan.FromMinutes(5));
            if (!File.Exists(done))
            {
                throw new InvalidOperationException($"rendering the simulated camera clip failed:\n{render.RecentOutput}");
            }
        }

        return dir;
    }

    /// <summary>Stops serving (the camera "dies"); <see cref="StartServerAsync"/> brings it back.</summary>
    public void StopServer()
    {
        _server?.Dispose();
        _server = null;
    }

    public async Task StartServerAsync()
    {
        _server = ChildProcess.Start(Python,
        [
            RepoPaths.InRepo("hardware", "simcam", "rtsp_server.py"),
            "--file", Path.Combine(ClipDirectory, "road.mp4"),
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--path", "/cam",
        ]);
        await _server.WaitForLineAsync("READY", TimeSpan.FromSeconds(30));
    }

    public void Dispose() => StopServer();

    private static string SourceHash()
    {
        var files = Directory.EnumerateFiles(RepoPaths.InRepo("models", "plategen"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepoPaths.InRepo("hardware", "simcam"), "*.py"))
            .Where(f => (f.EndsWith(".py", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)) && !f.Contains("__pycache__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(RepoPaths.Root, f)));
            sha.AppendData(File.ReadAllBytes(f));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
