using System.Collections.Concurrent;
using System.Diagnostics;
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
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private ReceiverProcess(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Id => _process.Id;

    /// <summary>Starts <c>edgecam-cloud.dll</c> from beside this program with <paramref name="args"/> (its HTTP port is
    /// chosen here), on the cores in <paramref name="cores"/> when given.</summary>
    public static ReceiverProcess Start(IEnumerable<string> args, IReadOnlyList<int>? cores)
    {
        var port = FreePort.Next();
        // taskset, not ProcessorAffinity: on Linux that sets only the main thread's, and the runtime's threads exist by then.
        var psi = new ProcessStartInfo(cores is { Count: > 0 } ? "taskset" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (cores is { Count: > 0 })
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(string.Join(',', cores));
            psi.ArgumentList.Add("dotnet");
        }

        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgecam-cloud.dll"));
        psi.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("edgecam-cloud did not start");
        var node = new ReceiverProcess(process, port);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
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

        throw new InvalidOperationException($"edgecam-cloud did not come up (exited: {_process.HasExited}). Output:\n{string.Join('\n', _output)}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 100 && _output.TryDequeue(out _))
        {
        }
    }
}
