using EdgeCamera.TestKit;
using Xunit.Abstractions;

namespace EdgeCamera.Edge.Tests;

public sealed class Arm64SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_arm64_build_finds_and_reads_plates_of_the_simulated_camera_under_qemu()
    {
        var clip = await SimulatedCamera.RenderAsync(seed: 1);
        var labels = File.ReadAllLines(Path.Combine(clip, "labels.tsv"))
            .Select(l => l.Split('\t'))
            .Select(f => (Image: Path.Combine(clip, f[0]), Plate: f[2]))
            .ToList();

        using var smoke = ChildProcess.Start(RepoPaths.InRepo("scripts", "arm64-smoke.sh"), labels.Select(l => l.Image));
        await smoke.WaitForExitAsync(TimeSpan.FromMinutes(8));
        output.WriteLine(smoke.RecentOutput);

        Assert.Equal(0, smoke.ExitCode);
        var readRight = labels.Count(l => smoke.RecentOutput.Split('\n').Any(line => line.StartsWith(l.Image, StringComparison.Ordinal) && line.Contains($"\t{l.Plate}\t", StringComparison.Ordinal)));
        output.WriteLine($"arm64 under qemu read {readRight} of {labels.Count} frames' plates exactly");
        Assert.True(readRight >= 1, "the arm64 build read no plate at all");
    }
}
