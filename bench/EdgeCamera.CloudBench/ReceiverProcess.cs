using System.Net.Http.Json;
using System.Text.Json;
using EdgeCamera.TestKit;

namespace EdgeCamera.CloudBench;

/// <summary>
/// One receiver node as its own process (<c>edgecam-cloud</c>, the program a deployment runs), so its CPU time is its
/// own (<see cref="ProcessCpu"/>) and it can be held to chosen cores. Its counters come from its HTTP API
/// (<c>/api/v1/intake/stats</c>). Killed on dispose.
/// </summary>
public sealed class ReceiverProcess : IDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private ReceiverProcess(ChildProcess process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Id => _process.Id;

    /// <summary>Starts <c>edgecam-cloud.dll</c> from beside this program with <paramref name="args"/> (its HTTP port is
    /// chosen here), on the cores in <paramref name="cores"/> when given: through taskset, because .NET's
    /// ProcessorAffinity on Linux sets only the main thread's, and the runtime's other threads exist by then.</summary>
    public static ReceiverProcess Start(IEnumerable<string> args, IReadOnlyList<int>? cores)
    {
        var port = FreePort.Next();
        string[] program = [Path.Combine(AppContext.BaseDirectory, "edgecam-cloud.dll"), $"--Urls=http://127.0.0.1:{port}", .. args];
        var process = cores is { Count: > 0 }
            ? ChildProcess.Start("taskset", ["-c", string.Join(',', cores), "dotnet", .. program], AppContext.BaseDirectory)
            : ChildProcess.Start("dotnet", program, AppContext.BaseDirectory);
        return new ReceiverProcess(process, port);
    }

    /// <summary>Packages accepted so far and whether a malformed probe has been counted (the subscription is live).</summary>
    public async Task<(long Accepted, bool ProbeSeen)> StatsAsync()
    {
        using var stats = await _http.GetFromJsonAsync<JsonDocument>("api/v1/intake/stats");
        var root = stats!.RootElement;
        var probe = root.TryGetProperty("rejected", out var rejected) && rejected.EnumerateObject().Any();
        return (root.GetProperty("accepted").GetInt64(), probe);
    }

    /// <summary>Waits until the node answers on HTTP; fails with its output when it exits or 60 s pass.</summary>
    public async Task WaitReadyAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                await StatsAsync();
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException($"edgecam-cloud did not come up (exited: {_process.HasExited}). Output:\n{_process.RecentOutput}");
    }

    public void Dispose()
    {
        _process.Dispose();
        _http.Dispose();
    }
}
