using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeCamera.TestKit;

/// <summary>A program a test fixture starts and must stop: keeps its last output lines for failure messages.</summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process) => _process = process;

    public event Action<string>? LineReceived;

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (for /proc readings).</summary>
    public int Id => _process.Id;

    public string RecentOutput => string.Join('\n', _output);

    public static ChildProcess Start(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line containing <paramref name="marker"/>; returns that line.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                found.TrySetResult(line);
            }
        }

        LineReceived += Check;
        try
        {
            foreach (var line in _output)
            {
                Check(line);
            }

            var winner = await Task.WhenAny(found.Task, Task.Delay(timeout), _process.WaitForExitAsync());
            if (winner == found.Task)
            {
                return await found.Task;
            }

            throw new TimeoutException($"'{marker}' not seen from {_process.StartInfo.FileName} (exited: {_process.HasExited}). Output:\n{RecentOutput}");
        }
        finally
        {
            LineReceived -= Check;
        }
    }

    /// <summary>Waits for the program to exit by itself; kills it after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Dispose();
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

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
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }

        LineReceived?.Invoke(line);
    }
}
