using System.Diagnostics;
using Xunit.Abstractions;

namespace EdgeCamera.Models.Tests;

/// <summary>Runs a script under Debian's Python — the only interpreter here with python3-torch, and PIL built against
/// libraqm (shared/toolchain.md) — and hands its output to the test log.</summary>
public static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Runs <c>python3 args…</c> in <paramref name="workingDirectory"/>; fails the test when it does not
    /// exit 0 within <paramref name="timeout"/> (then killed, with its children). Returns its standard output.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> args, string workingDirectory, TimeSpan timeout, ITestOutputHelper output)
    {
        Assert.True(File.Exists(Path), $"{Path} (Debian python3 with python3-torch and PIL) is needed");
        var psi = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var finished = true;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            finished = false;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var log = await stdout;
        output.WriteLine(log);
        output.WriteLine(await stderr);
        Assert.True(finished, $"python3 {string.Join(' ', psi.ArgumentList)} did not finish within {timeout}");
        Assert.Equal(0, process.ExitCode);
        return log;
    }
}
