using EdgeCamera.Edge.Outbox;
using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.NationalSim.Intake;
using Xunit.Abstractions;
using EdgeCamera.TestKit;

namespace EdgeCamera.EndToEnd.Tests;

[Collection(SystemUnderTest.Collection)]
public sealed class PlateToNoticeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_plate_read_right_reaches_the_national_system_exactly_once_and_the_outbox_empties()
    {
        await using var sut = await SystemUnderTest.StartAsync();
        var truth = sut.Camera.GroundTruth;
        var camera = sut.EdgeService<FfmpegCamera>();
        var outbox = sut.EdgeService<LiteDbOutbox>();
        var recent = sut.EdgeService<RecentVehicles>();
        var notices = sut.NationalService<NoticeRegistry>();

        // The edge watches the whole clip once; then the camera goes dark, a little into the second loop
        // (the clip's first plate appears after frame 30, so the second loop adds no vehicle).
        var lastFrameOfFirstLoop = truth.Frames + 16;
        Assert.True(
            await Eventually.HoldsAsync(() => camera.Stats.FramesRead >= lastFrameOfFirstLoop, TimeSpan.FromMinutes(3)),
            $"the edge read only {camera.Stats.FramesRead} of {lastFrameOfFirstLoop} frames");
        sut.Camera.StopServer();

        // Everything the edge reported arrives: its outbox drains and the national system holds one notice per vehicle.
        var drained = await Eventually.HoldsAsync(
            () => recent.Snapshot().Count > 0 && outbox.Count() == 0 && notices.All().Count == recent.Snapshot().Count,
            TimeSpan.FromMinutes(2));
        var reads = recent.Snapshot();
        var issued = notices.All();
        output.WriteLine($"edge reported {reads.Count} vehicle(s); national issued {issued.Count} notice(s); outbox depth {outbox.Count()}");
        Assert.True(drained, $"not drained: outbox {outbox.Count()}, reads {reads.Count}, notices {issued.Count}");

        // Each reported event reaches the national system exactly once.
        foreach (var read in reads)
        {
            Assert.Single(issued, n => n.EventId == read.EventId);
        }

        Assert.Equal(issued.Count, issued.Select(n => n.EventId).Distinct().Count());

        // Score against the clip's ground truth: which plates were read right, and none of them twice.
        var truthPlates = truth.Vehicles.Select(v => v.Plate).ToHashSet(StringComparer.Ordinal);
        var right = reads.Where(r => truthPlates.Contains(r.Plate)).ToList();
        foreach (var vehicle in truth.Vehicles)
        {
            var seen = reads.Where(r => r.Plate == vehicle.Plate).Select(r => $"{r.Plate} ({r.Confidence:F2}, {r.Votes} votes)");
            output.WriteLine($"truth {vehicle.Plate} {vehicle.Country} {vehicle.Format}: {(seen.Any() ? string.Join(", ", seen) : "not read")}");
        }

        foreach (var wrong in reads.Where(r => !truthPlates.Contains(r.Plate)))
        {
            output.WriteLine($"misread: {wrong.Plate} ({wrong.Country}, {wrong.Confidence:F2}, {wrong.Votes} votes)");
        }

        var distinctRight = right.Select(r => r.Plate).Distinct().Count();
        output.WriteLine($"RESULT plates read right: {distinctRight} of {truth.Vehicles.Count}; misreads {reads.Count - right.Count}");
        await File.WriteAllTextAsync(
            Path.Combine(TestKit.RepoPaths.Cache(), "e2e-last-result.txt"),
            $"{DateTime.UtcNow:O} plates read right: {distinctRight} of {truth.Vehicles.Count}; misreads {reads.Count - right.Count}\n");
        Assert.All(right.GroupBy(r => r.Plate), g => Assert.Single(g));
        // Measured 5, 6 and 7 of 12 read right on a quiet machine, 2 and 3 with other builds loading both cores
        // (2026-11-25): the live pipeline drops frames when starved. The floor guards against a broken reader.
        Assert.True(distinctRight >= 3, $"only {distinctRight} of {truth.Vehicles.Count} plates read right");
    }
}
